package dev.connectorengine.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeyRateLimiterTest {

  /** Time that moves only when the test says so. */
  static final class ManualTime implements TimeMeter {
    long nanos = 1_000_000_000L;

    void advance(Duration duration) {
      nanos += duration.toNanos();
    }

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }

  final ManualTime time = new ManualTime();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  ApiKeyRateLimiter limiter(int rps, int burst, Duration sweep) {
    return new ApiKeyRateLimiter(new RateLimitSettings(true, rps, burst, sweep), time, meters);
  }

  @Test
  void a_key_may_send_its_burst_at_once_then_waits_for_the_refill() {
    ApiKeyRateLimiter limiter = limiter(2, 4, Duration.ofMinutes(1));
    UUID key = UUID.randomUUID();

    for (int i = 3; i >= 0; i--) {
      ApiKeyRateLimiter.Decision decision = limiter.acquire(key);
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.remaining()).isEqualTo(i);
    }
    ApiKeyRateLimiter.Decision refused = limiter.acquire(key);

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(meters.get("connector.engine.rate.limit.refused").counter().count()).isEqualTo(1);

    time.advance(Duration.ofMillis(500));
    assertThat(limiter.acquire(key).allowed()).isTrue();
    assertThat(limiter.acquire(key).allowed()).isFalse();
  }

  @Test
  void keys_have_buckets_of_their_own() {
    ApiKeyRateLimiter limiter = limiter(1, 1, Duration.ofMinutes(1));
    UUID busy = UUID.randomUUID();

    assertThat(limiter.acquire(busy).allowed()).isTrue();
    assertThat(limiter.acquire(busy).allowed()).isFalse();
    assertThat(limiter.acquire(UUID.randomUUID()).allowed()).isTrue();
  }

  @Test
  void retry_after_rounds_up_to_whole_seconds() {
    ApiKeyRateLimiter limiter = limiter(1, 1, Duration.ofMinutes(1));
    UUID key = UUID.randomUUID();
    limiter.acquire(key);
    time.advance(Duration.ofMillis(100));

    ApiKeyRateLimiter.Decision refused = limiter.acquire(key);

    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(900));
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(
            new ApiKeyRateLimiter.Decision(false, 0, Duration.ofMillis(2001)).retryAfterSeconds())
        .isEqualTo(3);
  }

  @Test
  void idle_keys_are_swept_from_memory_and_busy_ones_kept() {
    ApiKeyRateLimiter limiter = limiter(10, 10, Duration.ofSeconds(30));
    for (int i = 0; i < 1_000; i++) {
      limiter.acquire(UUID.randomUUID());
    }
    UUID busy = UUID.randomUUID();
    assertThat(limiter.trackedKeys()).isEqualTo(1_000);

    time.advance(Duration.ofSeconds(31));
    for (int i = 0; i < 10; i++) {
      limiter.acquire(busy); // the first of these sweeps, then busy spends its bucket
    }
    time.advance(Duration.ofSeconds(30));
    limiter.acquire(UUID.randomUUID()); // sweeps again: busy has refilled and goes too

    assertThat(limiter.trackedKeys()).isEqualTo(1);
    assertThat(meters.get("connector.engine.rate.limit.tracked.keys").gauge().value()).isEqualTo(1);
  }

  @Test
  void a_bucket_that_is_not_full_survives_a_sweep() {
    ApiKeyRateLimiter limiter = limiter(1, 100, Duration.ofSeconds(10));
    UUID key = UUID.randomUUID();
    for (int i = 0; i < 100; i++) {
      limiter.acquire(key);
    }

    time.advance(Duration.ofSeconds(11));
    limiter.acquire(UUID.randomUUID());

    assertThat(limiter.trackedKeys()).isEqualTo(2);
    assertThat(limiter.acquire(key).remaining()).isEqualTo(10);
  }
}
