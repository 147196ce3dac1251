package dev.connectorengine.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.webhook.DeliveryAttempt;
import dev.connectorengine.worker.webhook.AttemptResult.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryBackoffTest {

  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  final DeliveryBackoff backoff =
      new DeliveryBackoff(
          Duration.ofSeconds(5),
          Duration.ofHours(1),
          Duration.ofHours(24),
          new SplittableRandom(7));

  @Test
  void the_wait_doubles_after_each_failure_with_jitter_in_its_upper_half() {
    for (int before = 0; before < 8; before++) {
      Duration base = Duration.ofSeconds(5L << before);
      for (int i = 0; i < 50; i++) {
        assertThat(backoff.wait(before, null)).isBetween(base.dividedBy(2), base);
      }
    }
  }

  @Test
  void the_wait_is_capped_however_many_attempts_failed() {
    for (int before : new int[] {10, 30, 63, 1_000}) {
      assertThat(backoff.wait(before, null)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
    }
  }

  @Test
  void a_receivers_retry_after_is_honoured_up_to_the_cap() {
    assertThat(backoff.wait(0, Duration.ofSeconds(42))).isEqualTo(Duration.ofSeconds(42));
    assertThat(backoff.wait(3, Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThat(backoff.wait(0, Duration.ofDays(3))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void a_retryable_failure_is_tried_again_later_and_fails_past_the_retry_window() {
    AttemptResult unavailable = result(Verdict.RETRY);

    DeliveryBackoff.Decision early =
        backoff.after(delivery(NOW.minusSeconds(60), 1), unavailable, NOW);
    DeliveryBackoff.Decision late =
        backoff.after(
            delivery(NOW.minus(Duration.ofHours(23).plusMinutes(59)), 20), unavailable, NOW);

    assertThat(early.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(early.nextAttemptAt()).isBetween(NOW.plusSeconds(5), NOW.plusSeconds(10));
    assertThat(late.status()).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void delivered_and_given_up_attempts_end_the_delivery_at_once() {
    assertThat(backoff.after(delivery(NOW, 0), result(Verdict.DELIVERED), NOW).status())
        .isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(backoff.after(delivery(NOW, 0), result(Verdict.GIVE_UP), NOW).status())
        .isEqualTo(DeliveryStatus.FAILED);
  }

  static AttemptResult result(Verdict verdict) {
    return new AttemptResult(verdict, new DeliveryAttempt(NOW, 503, 10, "HTTP 503", null), null);
  }

  static ClaimedDelivery delivery(Instant cycleStartedAt, int cycleAttempts) {
    return new ClaimedDelivery(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        null,
        "https://example.com/hook",
        false,
        "execution.succeeded",
        "msg_1",
        1,
        cycleStartedAt,
        cycleStartedAt,
        cycleAttempts);
  }
}
