package dev.connectorengine.worker.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed step calls are retried ({@code connector-engine.worker.retry.*}); a step's {@code
 * retry} overrides the backoffs, the connector's or step's {@code maxRetries} the count.
 *
 * @param initialBackoff first backoff, doubled after each retry, with ±50% jitter ({@code
 *     WORKER_RETRY_INITIAL_BACKOFF})
 * @param maxBackoff cap of one backoff ({@code WORKER_RETRY_MAX_BACKOFF})
 * @param retryAfterCap the longest {@code Retry-After} a third-party API can make a step wait
 *     ({@code WORKER_RETRY_AFTER_CAP})
 */
@ConfigurationProperties("connector-engine.worker.retry")
record RetrySettings(
    @DefaultValue("200ms") Duration initialBackoff,
    @DefaultValue("10s") Duration maxBackoff,
    @DefaultValue("30s") Duration retryAfterCap) {

  RetrySettings {
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException(
          "connector-engine.worker.retry.initial-backoff must be positive");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "connector-engine.worker.retry.max-backoff must not be shorter than initial-backoff");
    }
    if (retryAfterCap.isNegative()) {
      throw new IllegalArgumentException(
          "connector-engine.worker.retry.retry-after-cap must not be negative");
    }
  }

  static RetrySettings defaults() {
    return new RetrySettings(
        Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(30));
  }
}
