package dev.connectorengine.worker.run;

import java.io.IOException;

/**
 * Tells a run to stop, from another thread. The run's thread is interrupted only while it is inside
 * {@link #interruptibly} (an HTTP call or a retry backoff), never during a database write, where an
 * interrupt would close the connection under it; elsewhere the run checks {@link #stopped()}
 * between its steps and attempts.
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

  private Stop stop;
  private Thread inside;

  /** Asks the run to stop; the first reason given wins. Aborts its HTTP call or backoff, if any. */
  public synchronized void stop(Stop reason) {
    if (stop == null) {
      stop = reason;
    }
    if (inside != null) {
      inside.interrupt();
    }
  }

  /** Why the run was asked to stop, or null. */
  public synchronized Stop stopped() {
    return stop;
  }

  /**
   * Runs {@code call} so that {@link #stop} can interrupt it.
   *
   * @throws InterruptedException when the run was asked to stop, before or during the call
   */
  <T> T interruptibly(Interruptible<T> call) throws IOException, InterruptedException {
    synchronized (this) {
      if (stop != null) {
        throw new InterruptedException("run stopped: " + stop);
      }
      inside = Thread.currentThread();
    }
    try {
      return call.call();
    } finally {
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
