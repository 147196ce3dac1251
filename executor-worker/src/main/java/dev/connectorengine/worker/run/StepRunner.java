package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import dev.connectorengine.worker.run.AttemptOutcome.Answered;
import dev.connectorengine.worker.run.AttemptOutcome.Interrupted;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Runs one step: checks its credentials, renders its request, then makes the HTTP call (each
 * attempt a {@link StepCall}, or for an action's step its {@link ActionPages}), retrying transient
 * failures as the step's {@link StepRetryPolicy} says; {@link StepEnds} turns the last outcome into
 * the step's record. A backoff that would end after the run's deadline is not waited: the run times
 * out at once. A cacheable action's fresh cached answer is used without a call.
 */
@Component
class StepRunner {

  private final StepCall call;
  private final RequestPreparer preparer;
  private final Clock clock;
  private final RetrySettings retrySettings;
  private final WorkerMetrics metrics;
  private final ActionPages pages;
  private final ActionAnswers answers;
  private final StepEnds ends;

  StepRunner(
      StepCall call,
      ActionPages pages,
      ActionAnswers answers,
      StepEnds ends,
      RequestPreparer preparer,
      Clock clock,
      RetrySettings retrySettings,
      WorkerMetrics metrics) {
    this.call = call;
    this.pages = pages;
    this.answers = answers;
    this.ends = ends;
    this.preparer = preparer;
    this.clock = clock;
    this.retrySettings = retrySettings;
    this.metrics = metrics;
  }

  /**
   * Runs {@code step}, whose record {@code started} is already running, and adds its output and
   * last response to the run's context.
   */
  StepResult run(StepSpec step, StepRecord started, RunScope scope) {
    for (String service : CredentialReferences.in(step)) {
      Optional<String> problem = scope.credentials().problemWith(service);
      if (problem.isPresent()) {
        return StepResult.finished(ends.failed(started, 0, null, 0, problem.get(), scope));
      }
    }
    CredentialReferences.in(step).forEach(scope.credentials()::markUsed);
    long start = System.nanoTime();
    ActionInvocation action = null;
    if (step.callsAction()) {
      try {
        action = ActionInvocation.prepare(step, scope.context());
      } catch (StepPreparationException e) {
        return StepResult.finished(ends.failed(started, 0, null, 0, e.getMessage(), scope));
      }
    }
    Optional<HttpAnswer> cached = action == null ? Optional.empty() : answers.cached(action, scope);
    StepResult result =
        cached.isPresent()
            ? ends.ended(step, started, 0, new Answered(cached.get()), start, scope, action)
            : callWithRetries(step, started, scope, start, action);
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
          return ends.stopped(started, attempts, outcome, start, scope);
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
          outcome =
              action == null
                  ? call.attemptLogged(step, prepared.request(), scope, attempts + 1)
                  : pages.attempt(step, prepared.request(), scope, action, attempts + 1);
        } catch (StepPreparationException e) {
          long latency = attempts == 0 ? 0 : StepEnds.elapsedMs(start);
          return StepResult.finished(
              ends.failed(
                  started, attempts, StepEnds.httpStatus(outcome), latency, e.getMessage(), scope));
        } catch (RequestPreparer.CredentialUnavailable e) {
          outcome = e.outcome();
        }
        if (outcome.sent()) {
          attempts++;
        }
        if (outcome instanceof Interrupted) {
          return ends.stopped(started, attempts, null, start, scope);
        }
        if (unauthorized(outcome) && !accessTokens.isEmpty() && rejectedTokens.isEmpty()) {
          // The token may have been revoked before its expiry: get a new one and call again.
          rejectedTokens.putAll(accessTokens);
          continue;
        }
        Optional<Duration> backoff = policy.backoffAfter(attempts, outcome);
        if (backoff.isEmpty()) {
          return ends.ended(step, started, attempts, outcome, start, scope, action);
        }
        if (!clock.instant().plus(backoff.get()).isBefore(scope.deadline())) {
          // Waiting would end past the deadline: the run cannot finish in time, so stop now.
          return ends.noTimeToRetry(step, started, attempts, outcome, backoff.get(), start, scope);
        }
        metrics.stepRetried();
        scope.signal().pause(backoff.get().toMillis());
      }
    } catch (InterruptedException e) {
      return ends.stopped(started, attempts, outcome, start, scope);
    }
  }

  private static boolean unauthorized(AttemptOutcome outcome) {
    return outcome instanceof Answered(HttpAnswer answer) && answer.status() == 401;
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
}
