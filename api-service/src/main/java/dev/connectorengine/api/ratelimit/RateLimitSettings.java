package dev.connectorengine.api.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The request rate each API key may use, per API instance: a token bucket that holds {@code burst}
 * requests and refills at {@code requestsPerSecond}.
 *
 * @param enabled whether API calls are limited at all ({@code RATE_LIMIT_ENABLED})
 * @param requestsPerSecond the sustained rate of one key ({@code RATE_LIMIT_RPS})
 * @param burst how many requests a key that was idle may send at once ({@code RATE_LIMIT_BURST})
 * @param sweepInterval how often full buckets (of idle keys) are dropped to bound the memory
 */
@ConfigurationProperties("connector-engine.rate-limit")
public record RateLimitSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("200") int requestsPerSecond,
    @DefaultValue("400") int burst,
    @DefaultValue("30s") Duration sweepInterval) {

  public RateLimitSettings {
    if (requestsPerSecond < 1) {
      throw new IllegalArgumentException(
          "connector-engine.rate-limit.requests-per-second (RATE_LIMIT_RPS) must be at least 1,"
              + " not "
              + requestsPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException(
          "connector-engine.rate-limit.burst (RATE_LIMIT_BURST) must be at least 1, not " + burst);
    }
    if (sweepInterval.isNegative() || sweepInterval.isZero()) {
      throw new IllegalArgumentException(
          "connector-engine.rate-limit.sweep-interval must be positive, not " + sweepInterval);
    }
  }
}
