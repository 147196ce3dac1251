package dev.connectorengine.api.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One Bucket4j token bucket per API key, in memory. A bucket that is full is the same as no bucket
 * (a new one starts full), so full ones are swept away every {@code sweepInterval}, by whichever
 * request comes first then: memory holds only the keys used within the last {@code burst /
 * requestsPerSecond} seconds plus one sweep interval.
 */
@Component
class ApiKeyRateLimiter {

  private final RateLimitSettings settings;
  private final TimeMeter time;
  private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong nextSweepNanos;
  private final Counter refused;

  @Autowired
  ApiKeyRateLimiter(RateLimitSettings settings, MeterRegistry meters) {
    // Monotonic time: a wall-clock step must neither empty nor fill every bucket.
    this(settings, TimeMeter.SYSTEM_NANOTIME, meters);
  }

  ApiKeyRateLimiter(RateLimitSettings settings, TimeMeter time, MeterRegistry meters) {
    this.settings = settings;
    this.time = time;
    this.nextSweepNanos =
        new AtomicLong(time.currentTimeNanos() + settings.sweepInterval().toNanos());
    this.refused =
        Counter.builder("connector.engine.rate.limit.refused")
            .description("API requests refused with 429 by the per-key rate limit")
            .register(meters);
    Gauge.builder("connector.engine.rate.limit.tracked.keys", buckets, Map::size)
        .description("API keys with a token bucket in memory")
        .register(meters);
  }

  /** Takes one request's token from the key's bucket. */
  Decision acquire(UUID keyId) {
    return acquire(keyId, 1);
  }

  /** Takes {@code tokens} (at most the burst) from the key's bucket, or none when it lacks them. */
  Decision acquire(UUID keyId, int tokens) {
    sweepWhenDue();
    ConsumptionProbe probe =
        buckets.computeIfAbsent(keyId, id -> newBucket()).tryConsumeAndReturnRemaining(tokens);
    if (probe.isConsumed()) {
      return new Decision(true, probe.getRemainingTokens(), Duration.ZERO);
    }
    refused.increment();
    return new Decision(false, 0, Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** How many keys have a bucket in memory now. */
  int trackedKeys() {
    return buckets.size();
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(settings.burst())
                    .refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1)))
        .withCustomTimePrecision(time)
        .build();
  }

  private void sweepWhenDue() {
    long now = time.currentTimeNanos();
    long due = nextSweepNanos.get();
    // One caller sweeps; the others go on at once.
    if (now - due < 0
        || !nextSweepNanos.compareAndSet(due, now + settings.sweepInterval().toNanos())) {
      return;
    }
    // A request racing the removal may spend its token on the dropped bucket: one token at most.
    buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= settings.burst());
  }

  /**
   * The outcome for one request.
   *
   * @param allowed whether the request may go on
   * @param remaining tokens left after it
   * @param retryAfter how long until the next token, when refused
   */
  record Decision(boolean allowed, long remaining, Duration retryAfter) {

    /** {@code Retry-After} in whole seconds, rounded up: at least 1. */
    long retryAfterSeconds() {
      return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(retryAfter.toNanos() + 999_999_999L));
    }
  }
}
