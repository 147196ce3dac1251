package dev.connectorengine.worker.events;

import dev.connectorengine.worker.execution.StatusEventsWritten;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the outbox flowing to the events topic: a pass right after this worker commits status
 * changes (so its events leave within milliseconds), another every poll interval for the events
 * written elsewhere, and passes back to back while a full batch was found.
 *
 * <p>While the broker (or the database) is away, events wait in the outbox, not in memory: passes
 * fail and are retried with a growing pause, each retry sending a single event until one gets
 * through. At shutdown, after the runs have been drained and given back, a last pass sends what it
 * can in one send timeout; another worker sends the rest.
 */
@Component
class EventRelayLoop implements StatusEventsWritten, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventRelayLoop.class);
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final EventRelay relay;
  private final EventRelaySettings settings;
  private final WorkerMetrics metrics;
  private final Semaphore wakeUps = new Semaphore(0);
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile boolean running;
  private Thread thread;
  private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

  EventRelayLoop(EventRelay relay, EventRelaySettings settings, WorkerMetrics metrics) {
    this.relay = relay;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** Wakes the relay; costs one atomic read when it is already awake. */
  @Override
  public void committed() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  @Override
  public synchronized void start() {
    if (settings.relay() && thread == null) {
      running = true;
      // A platform thread: a virtual one may wait behind thousands of busy runs for a carrier.
      thread = Thread.ofPlatform().daemon().name("event-relay").start(this::loop);
    }
  }

  private void loop() {
    Duration backoff = null;
    while (running) {
      wakeUps.drainPermits();
      int limit = backoff == null ? settings.batchSize() : 1;
      try {
        int sent = relay.relayOnce(limit);
        metrics.eventsRelayed(sent);
        if (backoff != null) {
          log.info("status events reach the broker again");
          backoff = null;
        }
        if (sent == limit) {
          continue;
        }
        wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        metrics.eventRelayFailed();
        backoff = nextBackoff(backoff);
        warn(e, backoff);
        if (pause(backoff)) {
          return;
        }
      }
    }
    lastPass();
  }

  private void lastPass() {
    long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
    try {
      int sent;
      do {
        sent = relay.relayOnce(settings.batchSize());
        metrics.eventsRelayed(sent);
      } while (sent == settings.batchSize() && System.nanoTime() < deadline);
    } catch (RuntimeException e) {
      log.warn("status events left in the outbox at shutdown, for other workers: {}", e.toString());
    }
  }

  private Duration nextBackoff(Duration backoff) {
    if (backoff == null) {
      return settings.pollInterval();
    }
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
  }

  private void warn(RuntimeException e, Duration backoff) {
    long now = System.nanoTime();
    if (now - lastWarning >= WARN_EVERY_NANOS) {
      lastWarning = now;
      log.warn(
          "status events not relayed; they stay in the outbox, next try in {}: {}",
          backoff,
          e.toString());
    }
  }

  /** Waits out {@code pause}; true when the relay is stopping meanwhile. */
  private boolean pause(Duration pause) {
    try {
      return stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return true;
    }
  }

  /**
   * Stops after the pass in progress and a last one, waiting for them at most twice the send
   * timeout. Never interrupts: that would close the pass's database connection under it.
   */
  @Override
  public void stop() {
    Thread running;
    synchronized (this) {
      running = thread;
      thread = null;
      this.running = false;
    }
    if (running == null) {
      return;
    }
    stopping.countDown();
    wakeUps.release();
    try {
      running.join(settings.sendTimeout().multipliedBy(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Below the dispatcher's phase, so it stops after the runs were drained and given back, whose
   * events the last pass sends; above liveness.
   */
  @Override
  public int getPhase() {
    return -150;
  }
}
