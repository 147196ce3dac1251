package dev.connectorengine.worker.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How workers send webhook deliveries ({@code connector-engine.worker.webhooks.*}).
 *
 * @param enabled whether this worker sends deliveries at all ({@code WEBHOOK_DELIVERY_ENABLED})
 * @param pollInterval how often it looks for due deliveries ({@code WEBHOOK_POLL_INTERVAL})
 * @param attemptTimeout the most one attempt may take, answer included ({@code
 *     WEBHOOK_ATTEMPT_TIMEOUT})
 * @param retryWindow how long after the first attempt failed ones are retried ({@code
 *     WEBHOOK_RETRY_WINDOW})
 * @param initialBackoff the wait after the first failed attempt, doubled after each one ({@code
 *     WEBHOOK_INITIAL_BACKOFF})
 * @param maxBackoff the longest wait between two attempts, a receiver's Retry-After included
 *     ({@code WEBHOOK_MAX_BACKOFF})
 * @param maxConcurrent attempts in flight at once on this worker ({@code WEBHOOK_MAX_CONCURRENT})
 * @param leaseMargin how long a claim outlives its attempt's timeout before another worker may take
 *     the delivery ({@code WEBHOOK_LEASE_MARGIN})
 * @param responseExcerptBytes how much of a receiver's answer an attempt keeps; the rest is not
 *     read
 */
@ConfigurationProperties("connector-engine.worker.webhooks")
record WebhookSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("250ms") Duration pollInterval,
    @DefaultValue("10s") Duration attemptTimeout,
    @DefaultValue("24h") Duration retryWindow,
    @DefaultValue("5s") Duration initialBackoff,
    @DefaultValue("1h") Duration maxBackoff,
    @DefaultValue("64") int maxConcurrent,
    @DefaultValue("5s") Duration leaseMargin,
    @DefaultValue("2048") int responseExcerptBytes) {

  WebhookSettings {
    if (!positive(pollInterval)
        || !positive(attemptTimeout)
        || !positive(initialBackoff)
        || !positive(leaseMargin)) {
      throw new IllegalArgumentException(
          "connector-engine.worker.webhooks: poll-interval, attempt-timeout, initial-backoff and"
              + " lease-margin must be positive");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0 || retryWindow.isNegative()) {
      throw new IllegalArgumentException(
          "connector-engine.worker.webhooks: max-backoff must be at least initial-backoff and"
              + " retry-window not negative");
    }
    if (maxConcurrent < 1 || responseExcerptBytes < 0) {
      throw new IllegalArgumentException(
          "connector-engine.worker.webhooks: max-concurrent must be >= 1, response-excerpt-bytes"
              + " >= 0");
    }
  }

  /** How long a claim holds: an attempt's timeout and the margin. */
  Duration lease() {
    return attemptTimeout.plus(leaseMargin);
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }
}
