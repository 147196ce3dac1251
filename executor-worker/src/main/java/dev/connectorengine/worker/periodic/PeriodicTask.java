package dev.connectorengine.worker.periodic;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action every {@code interval} on its own virtual thread until stopped. Stopping never
 * interrupts the action (an interrupt during a JDBC call would close the connection's socket): it
 * only wakes the pause between two runs. A run failing with an exception is logged and the next one
 * still happens; one failing with an {@link Error} (out of memory, a broken class) ends the task
 * and goes to the fatal-error handler, by default {@link ProcessExit}: a worker whose heartbeat or
 * sweeper died must not stay up looking healthy.
 */
public final class PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

  private final String name;
  private final Duration interval;
  private final Runnable action;
  private final FatalErrorHandler onError;
  private final boolean platformThread;
  private volatile boolean stopped;
  private Thread thread;

  public PeriodicTask(String name, Duration interval, Runnable action) {
    this(name, interval, action, ProcessExit::exit, false);
  }

  /**
   * A task on a platform thread of its own, for what must run on time however busy the worker is:
   * virtual threads share a few carrier threads with thousands of runs, and one that wakes up may
   * wait seconds for its turn.
   */
  public static PeriodicTask onPlatformThread(String name, Duration interval, Runnable action) {
    return new PeriodicTask(name, interval, action, ProcessExit::exit, true);
  }

  /** A task whose {@link Error}s go to {@code onError} instead of ending the process. */
  public PeriodicTask(String name, Duration interval, Runnable action, FatalErrorHandler onError) {
    this(name, interval, action, onError, false);
  }

  private PeriodicTask(
      String name,
      Duration interval,
      Runnable action,
      FatalErrorHandler onError,
      boolean platformThread) {
    this.name = name;
    this.interval = interval;
    this.action = action;
    this.onError = onError;
    this.platformThread = platformThread;
  }

  /** What happens when a periodic task fails with an {@link Error}. */
  @FunctionalInterface
  public interface FatalErrorHandler {
    void fatal(String task, Error error);
  }

  public synchronized void start() {
    if (thread == null) {
      stopped = false;
      thread =
          platformThread
              ? Thread.ofPlatform().daemon().name(name).start(this::loop)
              : Thread.ofVirtual().name(name).start(this::loop);
    }
  }

  /** Stops after the run in progress, if any, waiting at most {@code timeout} for it. */
  public void stop(Duration timeout) {
    Thread running;
    synchronized (this) {
      running = thread;
      thread = null;
      stopped = true;
    }
    if (running == null) {
      return;
    }
    LockSupport.unpark(running);
    try {
      if (!running.join(timeout)) {
        log.warn("{} still busy {} after stop", name, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isRunning() {
    return !stopped && thread != null;
  }

  private void loop() {
    while (!stopped) {
      long wakeAt = System.nanoTime() + interval.toNanos();
      for (long left = interval.toNanos(); left > 0 && !stopped; ) {
        LockSupport.parkNanos(this, left);
        left = wakeAt - System.nanoTime();
      }
      if (stopped) {
        return;
      }
      try {
        action.run();
      } catch (RuntimeException e) {
        log.warn("{} failed; trying again in {}: {}", name, interval, e.toString());
      } catch (Error e) {
        stopped = true;
        onError.fatal(name, e);
        return;
      }
    }
  }
}
