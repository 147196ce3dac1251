package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.execution.StorableText;
import dev.connectorengine.model.template.JsonPathExtractor;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import dev.connectorengine.worker.run.AttemptOutcome.Answered;
import dev.connectorengine.worker.run.AttemptOutcome.DeadlineReached;
import dev.connectorengine.worker.run.AttemptOutcome.Interrupted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Runs one step: checks its credentials, renders its request, then makes the HTTP call (each
 * attempt a {@link StepCall}), retrying transient failures as the step's {@link StepRetryPolicy}
 * says; 2xx succeeds and its output is extracted. A backoff that would end after the run's deadline
 * is not waited: the run times out at once.
 */
@Component
class StepRunner {

  private final StepCall call;
  private final RequestPreparer preparer;
  private final Clock clock;
  private final RetrySettings retrySettings;
  private final WorkerMetrics metrics;
  private final StepErrors errors;
  private final ActionPages pages;
  private final ActionAnswers answers;

  StepRunner(
      StepCall call,
      ActionPages pages,
      ActionAnswers answers,
      RequestPreparer preparer,
      Clock clock,
      WorkerSettings settings,
      RetrySettings retrySettings,
      WorkerMetrics metrics) {
    this.call = call;
    this.pages = pages;
    this.answers = answers;
    this.preparer = preparer;
    this.clock = clock;
    this.retrySettings = retrySettings;
    this.metrics = metrics;
    this.errors = new StepErrors(settings.errorExcerptChars());
  }

  /**
   * Runs {@code step}, whose record {@code started} is already running, and adds its output and
   * last response to the run's context.
   */
  StepResult run(StepSpec step, StepRecord started, RunScope scope) {
    for (String service : CredentialReferences.in(step)) {
      Optional<String> problem = scope.credentials().problemWith(service);
      if (problem.isPresent()) {
        return StepResult.finished(failed(started, 0, null, 0, problem.get(), scope));
      }
    }
    long start = System.nanoTime();
    ActionInvocation action = null;
    if (step.callsAction()) {
      try {
        action = ActionInvocation.prepare(step, scope.context());
      } catch (StepPreparationException e) {
        return StepResult.finished(failed(started, 0, null, 0, e.getMessage(), scope));
      }
      Optional<HttpAnswer> cached = answers.cached(action, scope);
      if (cached.isPresent()) {
        return ended(step, started, 0, new Answered(cached.get()), start, scope, action);
      }
    }
    StepResult result = callWithRetries(step, started, scope, start, action);
    metrics.stepFinished(outcomeTag(result), Duration.ofNanos(System.nanoTime() - start));
    return result;
  }

  private StepResult callWithRetries(
      StepSpec step, StepRecord started, RunScope scope, long start, ActionInvocation action) {
    StepRetryPolicy policy =
        StepRetryPolicy.of(step, scope.spec().maxRetries(), retrySettings, clock);
    int attempts = 0;
    AttemptOutcome outcome = null;
    // Access tokens a target answered 401 to: replaced once per step, whatever maxRetries says.
    Map<String, String> rejectedTokens = new HashMap<>();
    try {
      while (true) {
        if (scope.signal().stopped() != null) {
          return stopped(started, attempts, outcome, start, scope);
        }
        // Rendered for each attempt: an oauth2 access token may be refreshed in between.
        Map<String, String> accessTokens = Map.of();
        try {
          RequestPreparer.Prepared prepared =
              preparer.prepare(
                  step,
                  scope,
                  rejectedTokens,
                  action == null ? scope.context().document() : action.document());
          accessTokens = prepared.accessTokens();
          if (action != null) {
            outcome = pages.attempt(step, prepared.request(), scope, action, attempts + 1);
          } else {
            Instant sentAt = now();
            outcome = call.attempt(step, prepared.request(), scope);
            scope
                .requestLogs()
                .record(
                    step,
                    outcome.sent() ? attempts + 1 : attempts,
                    prepared.request(),
                    outcome,
                    sentAt,
                    scope.redactor());
          }
        } catch (StepPreparationException e) {
          long latency = attempts == 0 ? 0 : elapsedMs(start);
          return StepResult.finished(
              failed(started, attempts, httpStatus(outcome), latency, e.getMessage(), scope));
        } catch (RequestPreparer.CredentialUnavailable e) {
          outcome = e.outcome();
        }
        if (outcome.sent()) {
          attempts++;
        }
        if (outcome instanceof Interrupted) {
          return stopped(started, attempts, null, start, scope);
        }
        if (unauthorized(outcome) && !accessTokens.isEmpty() && rejectedTokens.isEmpty()) {
          // The token may have been revoked before its expiry: get a new one and call again.
          rejectedTokens.putAll(accessTokens);
          continue;
        }
        Optional<Duration> backoff = policy.backoffAfter(attempts, outcome);
        if (backoff.isEmpty()) {
          return ended(step, started, attempts, outcome, start, scope, action);
        }
        if (!clock.instant().plus(backoff.get()).isBefore(scope.deadline())) {
          // Waiting would end past the deadline: the run cannot finish in time, so stop now.
          return noTimeToRetry(step, started, attempts, outcome, backoff.get(), start, scope);
        }
        metrics.stepRetried();
        scope.signal().pause(backoff.get().toMillis());
      }
    } catch (InterruptedException e) {
      return stopped(started, attempts, outcome, start, scope);
    }
  }

  private static boolean unauthorized(AttemptOutcome outcome) {
    return outcome instanceof Answered(HttpAnswer answer) && answer.status() == 401;
  }

  private StepResult ended(
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

  private StepResult noTimeToRetry(
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

  private StepResult stopped(
      StepRecord started, int attempts, AttemptOutcome last, long start, RunScope scope) {
    long latency = attempts == 0 ? 0 : elapsedMs(start);
    return StepResult.stopped(
        started.failed(attempts, httpStatus(last), latency, "cancelled", now()));
  }

  private StepRecord failed(
      StepRecord started,
      int attempts,
      Integer httpStatus,
      long latencyMs,
      String error,
      RunScope scope) {
    return started.failed(
        attempts, httpStatus, latencyMs, StorableText.clean(scope.redactor().redact(error)), now());
  }

  private static Integer httpStatus(AttemptOutcome outcome) {
    return outcome instanceof Answered(HttpAnswer answer) ? answer.status() : null;
  }

  private static String outcomeTag(StepResult result) {
    if (result.stopped()) {
      return "stopped";
    }
    if (result.runTimedOut()) {
      return "timeout";
    }
    return result.failed() ? "failed" : "success";
  }

  private Instant now() {
    return clock.instant();
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
