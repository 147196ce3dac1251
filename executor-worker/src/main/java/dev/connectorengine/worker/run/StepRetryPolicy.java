package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.RetrySpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.worker.run.AttemptOutcome.Answered;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One step's retry policy, as a resilience4j {@link RetryConfig}: how many attempts, which outcomes
 * are retried, and the backoff before each retry (exponential with jitter, or the answer's {@code
 * Retry-After} up to a cap). The waiting itself is the run's (see {@link RunSignal#pause}), not
 * resilience4j's own {@code Thread.sleep}, so that it can stop at the run's deadline and on
 * cancellation.
 */
final class StepRetryPolicy {

  private static final double MULTIPLIER = 2.0;
  private static final double JITTER = 0.5;

  private final RetryConfig config;

  private StepRetryPolicy(RetryConfig config) {
    this.config = config;
  }

  /** The policy of {@code step}: its own overrides, else the connector's retries and defaults. */
  static StepRetryPolicy of(
      StepSpec step, int connectorMaxRetries, RetrySettings settings, Clock clock) {
    RetrySpec override = step.retry();
    int retries =
        override != null && override.maxRetries() != null
            ? override.maxRetries()
            : connectorMaxRetries;
    long initial =
        positiveOr(
            override == null ? null : override.initialBackoffMs(),
            settings.initialBackoff().toMillis());
    long max =
        Math.max(
            initial,
            positiveOr(
                override == null ? null : override.maxBackoffMs(),
                settings.maxBackoff().toMillis()));
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(initial, MULTIPLIER, JITTER, max);
    long retryAfterCapMs = settings.retryAfterCap().toMillis();
    IntervalBiFunction<AttemptOutcome> interval =
        (attempt, outcome) ->
            retryAfter(outcome, clock)
                .map(wait -> Math.min(wait.toMillis(), retryAfterCapMs))
                .orElseGet(() -> Math.min(backoff.apply(attempt), max));
    return new StepRetryPolicy(
        RetryConfig.<AttemptOutcome>custom()
            .maxAttempts(Math.max(0, retries) + 1)
            .retryOnResult(AttemptOutcome::retryable)
            .intervalBiFunction(interval)
            .build());
  }

  int maxAttempts() {
    return config.getMaxAttempts();
  }

  /**
   * The wait before the next attempt, after {@code attempts} attempts the last of which ended with
   * {@code outcome}; empty when the outcome is final or no attempt is left.
   */
  Optional<Duration> backoffAfter(int attempts, AttemptOutcome outcome) {
    if (attempts >= config.getMaxAttempts()
        || !config.<AttemptOutcome>getResultPredicate().test(outcome)) {
      return Optional.empty();
    }
    long millis =
        config.<AttemptOutcome>getIntervalBiFunction().apply(attempts, Either.right(outcome));
    return Optional.of(Duration.ofMillis(Math.max(0, millis)));
  }

  private static Optional<Duration> retryAfter(
      Either<Throwable, AttemptOutcome> outcome, Clock clock) {
    if (outcome.isRight() && outcome.get() instanceof Answered(HttpAnswer answer)) {
      return RetryAfter.in(answer.headers(), clock.instant());
    }
    return Optional.empty();
  }

  private static long positiveOr(Long value, long fallback) {
    return value != null && value > 0 ? value : fallback;
  }
}
