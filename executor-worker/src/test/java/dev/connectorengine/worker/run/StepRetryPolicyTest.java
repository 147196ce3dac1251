package dev.connectorengine.worker.run;

import static dev.connectorengine.worker.testdata.Steps.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.worker.run.AttemptOutcome.Answered;
import dev.connectorengine.worker.run.AttemptOutcome.ConnectionFailed;
import dev.connectorengine.worker.run.AttemptOutcome.DeadlineReached;
import dev.connectorengine.worker.run.AttemptOutcome.Refused;
import dev.connectorengine.worker.run.AttemptOutcome.StepTimedOut;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.NullNode;

class StepRetryPolicyTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-11-22T10:00:00Z"), ZoneOffset.UTC);
  private static final RetrySettings SETTINGS =
      new RetrySettings(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(30));
  private static final StepSpec PLAIN = step("s", "GET", "http://localhost/s").build();

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 408, 429})
  void transient_answers_are_retried(int status) {
    assertThat(policy(PLAIN, 3).backoffAfter(1, answer(status, Map.of()))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 301, 400, 401, 403, 404, 409, 422})
  void other_answers_are_final(int status) {
    assertThat(policy(PLAIN, 3).backoffAfter(1, answer(status, Map.of()))).isEmpty();
  }

  @Test
  void connection_errors_and_step_timeouts_are_retried_but_the_run_deadline_is_final() {
    StepRetryPolicy policy = policy(PLAIN, 3);

    assertThat(policy.backoffAfter(1, new ConnectionFailed("refused", 1))).isPresent();
    assertThat(policy.backoffAfter(1, new StepTimedOut(100, 100))).isPresent();
    assertThat(policy.backoffAfter(1, new DeadlineReached(true, 100))).isEmpty();
    assertThat(policy.backoffAfter(0, new Refused("bad header"))).isEmpty();
  }

  @Test
  void max_retries_bounds_the_attempts() {
    StepRetryPolicy policy = policy(PLAIN, 2);

    assertThat(policy.maxAttempts()).isEqualTo(3);
    assertThat(policy.backoffAfter(2, answer(503, Map.of()))).isPresent();
    assertThat(policy.backoffAfter(3, answer(503, Map.of()))).isEmpty();
    assertThat(policy(PLAIN, 0).backoffAfter(1, answer(503, Map.of()))).isEmpty();
  }

  @Test
  void backoff_grows_exponentially_with_jitter_up_to_the_cap() {
    StepRetryPolicy policy = policy(PLAIN, 20);
    for (int i = 0; i < 50; i++) {
      assertThat(policy.backoffAfter(1, answer(503, Map.of())).orElseThrow())
          .isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
      assertThat(policy.backoffAfter(3, answer(503, Map.of())).orElseThrow())
          .isBetween(Duration.ofMillis(400), Duration.ofMillis(1_200));
      assertThat(policy.backoffAfter(15, answer(503, Map.of())).orElseThrow())
          .isLessThanOrEqualTo(Duration.ofSeconds(10));
    }
  }

  @Test
  void retry_after_is_honoured_up_to_the_cap() {
    StepRetryPolicy policy = policy(PLAIN, 3);

    assertThat(policy.backoffAfter(1, answer(429, Map.of("retry-after", List.of("4")))))
        .contains(Duration.ofSeconds(4));
    assertThat(policy.backoffAfter(1, answer(503, Map.of("retry-after", List.of("3600")))))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void a_steps_retry_overrides_count_and_backoffs() {
    StepSpec overridden = step("s", "GET", "http://localhost/s").retry(1, 1_000L, 1_500L).build();
    StepRetryPolicy policy = policy(overridden, 5);

    assertThat(policy.maxAttempts()).isEqualTo(2);
    assertThat(policy.backoffAfter(1, answer(503, Map.of())).orElseThrow())
        .isBetween(Duration.ofMillis(500), Duration.ofMillis(1_500));
  }

  private static StepRetryPolicy policy(StepSpec step, int connectorRetries) {
    return StepRetryPolicy.of(step, connectorRetries, SETTINGS, CLOCK);
  }

  private static AttemptOutcome answer(int status, Map<String, List<String>> headers) {
    return new Answered(new HttpAnswer(status, headers, NullNode.getInstance(), "", 5));
  }
}
