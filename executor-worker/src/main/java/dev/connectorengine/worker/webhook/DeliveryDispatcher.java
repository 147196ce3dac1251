package dev.connectorengine.worker.webhook;

import dev.connectorengine.model.webhook.DeliveryAttempt;
import dev.connectorengine.worker.liveness.CurrentIncarnation;
import dev.connectorengine.worker.liveness.WorkerNotAliveException;
import dev.connectorengine.worker.periodic.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due webhook deliveries: every poll interval it claims as many as it has room for (at most
 * max-concurrent attempts in flight) for this worker's live incarnation, and makes each attempt on
 * a virtual thread of its own, so a receiver that hangs holds one permit until its timeout, never
 * the others. Each result is written fenced on the claim; a lost claim writes nothing.
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

  private final DeliveryRepository deliveries;
  private final WebhookSender sender;
  private final CurrentIncarnation liveness;
  private final WebhookSettings settings;
  private final Clock clock;
  private final DeliveryBackoff backoff;
  private final Semaphore permits;
  private final PeriodicTask task;
  private final MeterRegistry metrics;
  private volatile ExecutorService attempts;

  DeliveryDispatcher(
      DeliveryRepository deliveries,
      WebhookSender sender,
      CurrentIncarnation liveness,
      WebhookSettings settings,
      Clock clock,
      MeterRegistry metrics) {
    this.deliveries = deliveries;
    this.metrics = metrics;
    this.sender = sender;
    this.liveness = liveness;
    this.settings = settings;
    this.clock = clock;
    this.backoff =
        new DeliveryBackoff(
            settings.initialBackoff(),
            settings.maxBackoff(),
            settings.retryWindow(),
            RandomGenerator.getDefault());
    this.permits = new Semaphore(settings.maxConcurrent());
    // A platform thread: a virtual one waking up behind thousands of busy runs may wait its turn.
    this.task =
        PeriodicTask.onPlatformThread(
            "webhook-deliveries", settings.pollInterval(), this::dispatch);
  }

  /** Claims what is due and fits, and starts its attempts; answers how many it started. */
  int dispatch() {
    ExecutorService executor = attempts;
    if (executor == null) {
      return 0;
    }
    String owner;
    try {
      owner = liveness.current().owner();
    } catch (WorkerNotAliveException e) {
      return 0; // a worker that cannot show it is alive takes nothing new
    }
    int started = 0;
    while (true) {
      int room = permits.availablePermits();
      if (room == 0) {
        return started;
      }
      Instant now = clock.instant();
      List<ClaimedDelivery> claimed =
          deliveries.claim(owner, now, now.plus(settings.lease()), room);
      for (ClaimedDelivery delivery : claimed) {
        permits.acquireUninterruptibly();
        executor.execute(() -> attemptAndRecord(delivery));
      }
      started += claimed.size();
      if (claimed.size() < room) {
        return started;
      }
    }
  }

  private void attemptAndRecord(ClaimedDelivery delivery) {
    try {
      AttemptResult result = attempt(delivery);
      DeliveryBackoff.Decision next = backoff.after(delivery, result, clock.instant());
      boolean written =
          deliveries.record(delivery, next.status(), next.nextAttemptAt(), result.record());
      count(written ? next.status().wireName() : "lost");
      if (!written) {
        log.info(
            "delivery {}: claim {} lost before its result was written; another worker has it",
            delivery.id(),
            delivery.claims());
        return;
      }
      if (next.status() != DeliveryStatus.DELIVERED) {
        log.info(
            "delivery {} of execution {}: {} ({}){}",
            delivery.id(),
            delivery.executionId(),
            next.status().wireName(),
            result.record().error(),
            next.status() == DeliveryStatus.PENDING
                ? ", next attempt at " + next.nextAttemptAt()
                : "");
      }
    } catch (RuntimeException e) {
      // The result could not be written: the claim lapses and the delivery is tried again then.
      log.warn("delivery {}: result not written: {}", delivery.id(), e.toString());
    } finally {
      permits.release();
    }
  }

  /**
   * The attempt, or a failed one when it could not be made (the secret did not open, the database
   * refused a read): recorded like any other, so the retry window still ends it.
   */
  private AttemptResult attempt(ClaimedDelivery delivery) {
    Instant at = clock.instant();
    try {
      return sender.attempt(delivery);
    } catch (RuntimeException e) {
      log.warn("delivery {}: could not attempt it: {}", delivery.id(), e.getClass().getName());
      return new AttemptResult(
          AttemptResult.Verdict.RETRY,
          new DeliveryAttempt(
              at,
              null,
              Duration.between(at, clock.instant()).toMillis(),
              "could not attempt: " + e.getClass().getSimpleName(),
              null),
          null);
    }
  }

  /** Attempts by what they came to: delivered, pending (tried again), failed, lost (claim). */
  private void count(String result) {
    metrics.counter("connector.engine.webhook.attempts", "result", result).increment();
  }

  @Override
  public void start() {
    if (settings.enabled() && attempts == null) {
      attempts =
          Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-", 0).factory());
      task.start();
    }
  }

  @Override
  public void stop() {
    task.stop(Duration.ofSeconds(2));
    ExecutorService executor = attempts;
    attempts = null;
    if (executor != null) {
      executor.shutdown();
      try {
        // Attempts in flight end within their timeout; what is cut off is retried elsewhere.
        if (!executor.awaitTermination(
            settings.attemptTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return attempts != null;
  }

  /** Above the dispatcher's phase, like the sweeper: stops early in shutdown. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }
}
