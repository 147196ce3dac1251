package dev.connectorengine.worker.liveness;

import java.time.Duration;

/**
 * How long this worker may act on something the database granted for a while (a run's lease, the
 * worker's liveness), measured on this JVM's monotonic clock from when the grant was asked for. The
 * database counts the grant from when it ran the statement, which is later, and a sweeper acts only
 * after the grant expired there: stopping at four fifths of the validity leaves room for the
 * interrupt to land first. Neither clock's wall time matters, so a skewed worker clock changes
 * nothing.
 */
public final class Fence {

  private volatile long deadlineNanos;

  private Fence(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** A fence for a grant of {@code validity} asked for at {@code sentNanos} (System.nanoTime). */
  public static Fence granted(long sentNanos, Duration validity) {
    return new Fence(sentNanos + holdFor(validity));
  }

  /**
   * Moves the fence for a renewal asked for at {@code sentNanos}; never moves it back, and never
   * revives a fence that has lapsed: what this side gave up may already be someone else's.
   *
   * @return whether the fence still holds
   */
  public synchronized boolean extend(long sentNanos, Duration validity) {
    if (!holds()) {
      return false;
    }
    long deadline = sentNanos + holdFor(validity);
    if (deadline - deadlineNanos > 0) {
      deadlineNanos = deadline;
    }
    return true;
  }

  /** Whether the grant still holds on this side. */
  public boolean holds() {
    return System.nanoTime() - deadlineNanos < 0;
  }

  private static long holdFor(Duration validity) {
    return validity.toNanos() / 5 * 4;
  }
}
