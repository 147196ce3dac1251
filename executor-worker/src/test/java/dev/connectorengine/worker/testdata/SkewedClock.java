package dev.connectorengine.worker.testdata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A host clock off by a skew a test sets (and changes) while the worker runs. */
public final class SkewedClock extends Clock {

  private volatile Duration skew = Duration.ZERO;

  public void skew(Duration value) {
    skew = value;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(skew);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock in UTC only");
  }
}
