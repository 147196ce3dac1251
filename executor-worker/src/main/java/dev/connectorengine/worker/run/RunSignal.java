package dev.connectorengine.worker.run;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Tells a run to stop, from another thread. The run's thread is interrupted only while it is inside
 * {@link #interruptibly} (an HTTP call or a retry backoff), never during a database write, where an
 * interrupt would close the connection under it; elsewhere the run checks {@link #stopped()}
 * between its steps and attempts. A run also stops by itself once its fence no longer holds (its
 * lease or its worker's liveness lapsed on this side), whatever else was asked.
 */
public final class RunSignal {

  /** Why a run stops early. */
  public enum Stop {
    /** Cancellation was asked for: the run ends {@code cancelled}. */
    CANCEL,
    /** The worker is shutting down: the run writes nothing more and is handed back. */
    GIVE_BACK,
    /** The lease is gone (swept or taken over): the run writes nothing more. */
    LOST
  }

  /** A piece of a run that may be interrupted. */
  @FunctionalInterface
  interface Interruptible<T> {
    T call() throws IOException, InterruptedException;
  }

  private final BooleanSupplier fenceHolds;
  private final AtomicInteger waitingRuns;
  private Stop stop;
  private Thread inside;

  /** A signal for a run with nothing but requests to stop it (tests, tools). */
  public RunSignal() {
    this(() -> true, new AtomicInteger());
  }

  /**
   * A signal for a run that may act only while {@code fenceHolds}.
   *
   * @param waitingRuns counts the runs inside {@link #interruptibly} (waiting on a target or a
   *     backoff): this one adds itself while it is
   */
  public RunSignal(BooleanSupplier fenceHolds, AtomicInteger waitingRuns) {
    this.fenceHolds = fenceHolds;
    this.waitingRuns = waitingRuns;
  }

  /**
   * Asks the run to stop; the first reason given wins. Aborts its HTTP call or backoff, if any.
   *
   * @return whether this call was the first to ask
   */
  public synchronized boolean stop(Stop reason) {
    boolean first = stop == null;
    if (first) {
      stop = reason;
    }
    if (inside != null) {
      inside.interrupt();
    }
    return first;
  }

  /**
   * Why the run must stop, or null: {@link Stop#LOST} once its fence no longer holds, whatever was
   * asked before (a run that may no longer act writes nothing, not even a cancellation).
   */
  public synchronized Stop stopped() {
    return fenceHolds.getAsBoolean() ? stop : Stop.LOST;
  }

  /**
   * Runs {@code call} so that {@link #stop} can interrupt it.
   *
   * @throws InterruptedException when the run was asked to stop, before or during the call
   */
  <T> T interruptibly(Interruptible<T> call) throws IOException, InterruptedException {
    synchronized (this) {
      Stop reason = stopped();
      if (reason != null) {
        throw new InterruptedException("run stopped: " + reason);
      }
      inside = Thread.currentThread();
    }
    waitingRuns.incrementAndGet();
    try {
      return call.call();
    } finally {
      waitingRuns.decrementAndGet();
      synchronized (this) {
        inside = null;
        // An interrupt that arrived as the call returned must not reach the next database write.
        Thread.interrupted();
      }
    }
  }

  /** Sleeps {@code millis}, woken early by {@link #stop}. */
  void pause(long millis) throws InterruptedException {
    try {
      interruptibly(
          () -> {
            Thread.sleep(millis);
            return null;
          });
    } catch (IOException e) {
      throw new IllegalStateException("sleeping does no I/O", e);
    }
  }
}
