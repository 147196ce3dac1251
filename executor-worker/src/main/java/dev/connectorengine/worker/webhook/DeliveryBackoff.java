package dev.connectorengine.worker.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When a delivery is tried next: exponential backoff from the initial wait, capped, with jitter
 * (half the wait fixed, half random) so the retries of many deliveries to one receiver spread out.
 * A receiver's Retry-After is honoured up to the cap. Past the retry window, the delivery fails.
 */
final class DeliveryBackoff {

  private final Duration initial;
  private final Duration max;
  private final Duration window;
  private final RandomGenerator random;

  DeliveryBackoff(Duration initial, Duration max, Duration window, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.window = window;
    this.random = random;
  }

  /**
   * The status and next attempt time after an attempt of {@code delivery} ended in {@code result}.
   */
  Decision after(ClaimedDelivery delivery, AttemptResult result, Instant now) {
    return switch (result.verdict()) {
      case DELIVERED -> new Decision(DeliveryStatus.DELIVERED, now);
      case GIVE_UP -> new Decision(DeliveryStatus.FAILED, now);
      case RETRY -> {
        Instant next = now.plus(wait(delivery.cycleAttempts(), result.retryAfter()));
        yield next.isAfter(delivery.cycleStartedAt().plus(window))
            ? new Decision(DeliveryStatus.FAILED, now)
            : new Decision(DeliveryStatus.PENDING, next);
      }
    };
  }

  /**
   * The wait after the failure of attempt {@code attemptsBefore + 1} of a cycle.
   *
   * @param retryAfter what the receiver asked for, or null
   */
  Duration wait(int attemptsBefore, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(max) > 0 ? max : retryAfter;
    }
    Duration base = initial.multipliedBy(1L << Math.min(Math.max(attemptsBefore, 0), 30));
    if (base.compareTo(max) > 0 || base.isNegative()) {
      base = max;
    }
    long half = base.toMillis() / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }

  /**
   * @param status pending (tried again at {@code nextAttemptAt}), delivered or failed
   */
  record Decision(DeliveryStatus status, Instant nextAttemptAt) {}
}
