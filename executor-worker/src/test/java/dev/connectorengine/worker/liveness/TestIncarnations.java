package dev.connectorengine.worker.liveness;

import java.time.Duration;

/** Incarnations for tests that claim runs without a liveness heartbeat. */
public final class TestIncarnations {

  private TestIncarnations() {}

  /** An incarnation named exactly {@code owner}, alive for an hour; no row is written. */
  public static Incarnation alive(String owner) {
    return new Incarnation(owner, System.nanoTime(), Duration.ofHours(1));
  }
}
