package dev.connectorengine.worker.liveness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The database's time as this worker best knows it: the local clock plus the offset measured at the
 * last liveness round trip (about every second). Deadlines, backoffs and the times written into
 * step records are the database's, so a worker whose own clock is off by minutes behaves exactly as
 * one whose clock is right.
 */
public final class DatabaseClock extends Clock {

  /** A reading that took longer than this says little about when it was taken: it is ignored. */
  static final Duration MAX_ROUND_TRIP = Duration.ofMillis(500);

  private final Clock local;
  private final AtomicReference<Duration> offset;
  private final ZoneId zone;

  /** Until the first reading, the local clock as it is. */
  public DatabaseClock(Clock local) {
    this(local, new AtomicReference<>(null), ZoneOffset.UTC);
  }

  private DatabaseClock(Clock local, AtomicReference<Duration> offset, ZoneId zone) {
    this.local = local;
    this.offset = offset;
    this.zone = zone;
  }

  /** This host's own clock, to time a round trip for {@link #sync}. */
  public Instant local() {
    return local.instant();
  }

  /**
   * Follows the database: {@code database} was read between the local times {@code before} and
   * {@code after}, taken as their midpoint (off by at most half the round trip). After the first
   * reading, one whose round trip took over {@link #MAX_ROUND_TRIP} is ignored.
   *
   * @return whether the reading was taken
   */
  public boolean sync(Instant before, Instant database, Instant after) {
    Duration roundTrip = Duration.between(before, after);
    if (offset.get() != null && roundTrip.compareTo(MAX_ROUND_TRIP) > 0) {
      return false;
    }
    offset.set(Duration.between(before.plus(roundTrip.dividedBy(2)), database));
    return true;
  }

  /** How far the local clock is behind the database's (negative: ahead). */
  public Duration offset() {
    Duration current = offset.get();
    return current == null ? Duration.ZERO : current;
  }

  @Override
  public Instant instant() {
    return local.instant().plus(offset());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same clock, synced with this one, in another zone. */
  @Override
  public Clock withZone(ZoneId other) {
    return other.equals(zone) ? this : new DatabaseClock(local, offset, other);
  }
}
