package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.execution.StorableText;
import dev.connectorengine.model.template.JsonPathExtractor;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.run.AttemptOutcome.Answered;
import dev.connectorengine.worker.run.AttemptOutcome.DeadlineReached;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How a step's attempts end up in its record: succeeded with its output (an action's checked and
 * mapped, and its answer cached), failed with the reason, timed out with the run, or stopped.
 */
@Component
class StepEnds {

  private final Clock clock;
  private final StepErrors errors;
  private final ActionAnswers answers;

  StepEnds(Clock clock, WorkerSettings settings, ActionAnswers answers) {
    this.clock = clock;
    this.errors = new StepErrors(settings.errorExcerptChars());
    this.answers = answers;
  }

  StepResult ended(
      StepSpec step,
      StepRecord started,
      int attempts,
      AttemptOutcome outcome,
      long start,
      RunScope scope,
      ActionInvocation action) {
    long latency = elapsedMs(start);
    return switch (outcome) {
      case Answered(HttpAnswer answer) when answer.isSuccess() -> {
        JsonNode output;
        try {
          output =
              action == null
                  ? JsonPathExtractor.extract(step.extract(), answer.body())
                  : action.output(answer);
        } catch (StepPreparationException e) {
          scope.context().recordStep(step.id(), JsonNodeFactory.instance.objectNode(), answer);
          yield StepResult.finished(
              failed(started, attempts, answer.status(), latency, e.getMessage(), scope));
        }
        if (action != null && attempts > 0) {
          answers.keep(action, answer, scope);
        }
        JsonNode kept = scope.context().recordStep(step.id(), output, answer);
        Optional<String> unstorable = StepErrors.unstorable(output, kept);
        if (unstorable.isPresent()) {
          yield StepResult.finished(
              failed(started, attempts, answer.status(), latency, unstorable.get(), scope));
        }
        StepRecord succeeded =
            started.succeeded(
                attempts, answer.status(), latency, scope.redactor().redact(output), now());
        yield StepResult.finished(
            kept == null ? succeeded : succeeded.withResponse(scope.redactor().redact(kept)));
      }
      case Answered(HttpAnswer answer) -> {
        scope.context().recordStep(step.id(), JsonNodeFactory.instance.objectNode(), answer);
        yield StepResult.finished(
            failed(
                started,
                attempts,
                answer.status(),
                latency,
                errors.of(outcome, scope.redactor()) + StepErrors.afterAttempts(attempts),
                scope));
      }
      case DeadlineReached reached ->
          StepResult.timedOut(
              started.failed(
                  attempts,
                  null,
                  latency,
                  reached.sent()
                      ? "the run's deadline passed during the call"
                          + StepErrors.afterAttempts(attempts)
                      : "the run's deadline passed" + StepErrors.afterAttempts(attempts),
                  now()));
      default ->
          StepResult.finished(
              failed(
                  started,
                  attempts,
                  null,
                  latency,
                  errors.of(outcome, scope.redactor()) + StepErrors.afterAttempts(attempts),
                  scope));
    };
  }

  StepResult noTimeToRetry(
      StepSpec step,
      StepRecord started,
      int attempts,
      AttemptOutcome outcome,
      Duration backoff,
      long start,
      RunScope scope) {
    if (outcome instanceof Answered(HttpAnswer answer)) {
      scope.context().recordStep(step.id(), JsonNodeFactory.instance.objectNode(), answer);
    }
    String error =
        errors.of(outcome, scope.redactor())
            + StepErrors.afterAttempts(attempts)
            + "; no retry: waiting "
            + backoff.toMillis()
            + " ms would pass the run's deadline";
    return StepResult.timedOut(
        started.failed(
            attempts,
            httpStatus(outcome),
            elapsedMs(start),
            StorableText.clean(scope.redactor().redact(error)),
            now()));
  }

  StepResult stopped(
      StepRecord started, int attempts, AttemptOutcome last, long start, RunScope scope) {
    long latency = attempts == 0 ? 0 : elapsedMs(start);
    return StepResult.stopped(
        started.failed(attempts, httpStatus(last), latency, "cancelled", now()));
  }

  StepRecord failed(
      StepRecord started,
      int attempts,
      Integer httpStatus,
      long latencyMs,
      String error,
      RunScope scope) {
    return started.failed(
        attempts, httpStatus, latencyMs, StorableText.clean(scope.redactor().redact(error)), now());
  }

  static Integer httpStatus(AttemptOutcome outcome) {
    return outcome instanceof Answered(HttpAnswer answer) ? answer.status() : null;
  }

  private Instant now() {
    return clock.instant();
  }

  static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
