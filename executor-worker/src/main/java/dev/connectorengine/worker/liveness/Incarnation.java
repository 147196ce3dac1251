package dev.connectorengine.worker.liveness;

import java.time.Duration;

/**
 * One life of this worker in the database: the lease owner its claims carry, alive while its
 * liveness row is renewed in time. Once its fence has passed it is over for good, even if the
 * database comes back: a sweeper may already have taken its runs, so the worker goes on as a new
 * incarnation with a new owner name, and the runs of the old one stop and write nothing more.
 */
public final class Incarnation {

  private final String owner;
  private final Fence fence;
  private volatile boolean ended;

  Incarnation(String owner, long registeredNanos, Duration ttl) {
    this.owner = owner;
    this.fence = Fence.granted(registeredNanos, ttl);
  }

  /** The lease owner written on the rows this incarnation claims. */
  public String owner() {
    return owner;
  }

  /** Whether this incarnation may still act: never ended, and its liveness renewed in time. */
  public boolean alive() {
    return !ended && fence.holds();
  }

  /** Extends this incarnation for a renewal sent at {@code sentNanos}; false when it is over. */
  boolean renewed(long sentNanos, Duration ttl) {
    return !ended && fence.extend(sentNanos, ttl);
  }

  void end() {
    ended = true;
  }

  @Override
  public String toString() {
    return owner;
  }
}
