package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.execution.StorableText;
import dev.connectorengine.model.outbound.AnswerTooLargeException;
import dev.connectorengine.model.outbound.TargetRefusedException;
import dev.connectorengine.model.template.JsonPathExtractor;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import dev.connectorengine.worker.run.AttemptOutcome.AnswerTooLarge;
import dev.connectorengine.worker.run.AttemptOutcome.Answered;
import dev.connectorengine.worker.run.AttemptOutcome.ConnectionFailed;
import dev.connectorengine.worker.run.AttemptOutcome.DeadlineReached;
import dev.connectorengine.worker.run.AttemptOutcome.Interrupted;
import dev.connectorengine.worker.run.AttemptOutcome.Refused;
import dev.connectorengine.worker.run.AttemptOutcome.StepTimedOut;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
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
 * Runs one step: checks its credentials, renders its request, then makes the HTTP call, each
 * attempt within the step's timeout and the run's deadline, retrying transient failures as the
 * step's {@link StepRetryPolicy} says; 2xx succeeds and its output is extracted. A backoff that
 * would end after the run's deadline is not waited: the run times out at once.
 */
@Component
class StepRunner {

  private final StepHttpClient http;
  private final RequestPreparer preparer;
  private final Clock clock;
  private final RetrySettings retrySettings;
  private final WorkerMetrics metrics;
  private final int excerptChars;

  StepRunner(
      StepHttpClient http,
      RequestPreparer preparer,
      Clock clock,
      WorkerSettings settings,
      RetrySettings retrySettings,
      WorkerMetrics metrics) {
    this.http = http;
    this.preparer = preparer;
    this.clock = clock;
    this.retrySettings = retrySettings;
    this.metrics = metrics;
    this.excerptChars = settings.errorExcerptChars();
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
    StepResult result = callWithRetries(step, started, scope, start);
    metrics.stepFinished(outcomeTag(result), Duration.ofNanos(System.nanoTime() - start));
    return result;
  }

  private StepResult callWithRetries(
      StepSpec step, StepRecord started, RunScope scope, long start) {
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
          RequestPreparer.Prepared prepared = preparer.prepare(step, scope, rejectedTokens);
          accessTokens = prepared.accessTokens();
          outcome = attempt(step, prepared.request(), scope);
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
          return ended(step, started, attempts, outcome, start, scope);
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

  private AttemptOutcome attempt(StepSpec step, PreparedRequest request, RunScope scope) {
    Duration remaining = Duration.between(clock.instant(), scope.deadline());
    if (remaining.isNegative() || remaining.isZero()) {
      return new DeadlineReached(false, 0);
    }
    boolean deadlineBound = step.timeoutMs() == null || step.timeoutMs() >= remaining.toMillis();
    Duration timeout = deadlineBound ? remaining : Duration.ofMillis(step.timeoutMs());
    long start = System.nanoTime();
    try {
      return new Answered(scope.signal().interruptibly(() -> http.send(request, timeout)));
    } catch (TargetRefusedException e) {
      return new Refused("step '" + step.id() + "' refused: " + e.getMessage());
    } catch (AnswerTooLargeException e) {
      return new AnswerTooLarge(e.getMessage() + " (WORKER_MAX_RESPONSE_BYTES)", elapsedMs(start));
    } catch (HttpConnectTimeoutException e) {
      return new ConnectionFailed("connection failed: " + describe(e), elapsedMs(start));
    } catch (HttpTimeoutException e) {
      return deadlineBound
          ? new DeadlineReached(true, elapsedMs(start))
          : new StepTimedOut(timeout.toMillis(), elapsedMs(start));
    } catch (IOException e) {
      return new ConnectionFailed("connection failed: " + describe(e), elapsedMs(start));
    } catch (IllegalArgumentException e) {
      return new Refused("request refused: " + e.getMessage());
    } catch (InterruptedException e) {
      return new Interrupted(elapsedMs(start));
    }
  }

  private StepResult ended(
      StepSpec step,
      StepRecord started,
      int attempts,
      AttemptOutcome outcome,
      long start,
      RunScope scope) {
    long latency = elapsedMs(start);
    return switch (outcome) {
      case Answered(HttpAnswer answer) when answer.isSuccess() -> {
        JsonNode output = JsonPathExtractor.extract(step.extract(), answer.body());
        JsonNode kept = scope.context().recordStep(step.id(), output, answer);
        Optional<String> unstorable = unstorable(output, kept);
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
                error(outcome, scope) + afterAttempts(attempts),
                scope));
      }
      case DeadlineReached reached ->
          StepResult.timedOut(
              started.failed(
                  attempts,
                  null,
                  latency,
                  reached.sent()
                      ? "the run's deadline passed during the call" + afterAttempts(attempts)
                      : "the run's deadline passed" + afterAttempts(attempts),
                  now()));
      default ->
          StepResult.finished(
              failed(
                  started,
                  attempts,
                  null,
                  latency,
                  error(outcome, scope) + afterAttempts(attempts),
                  scope));
    };
  }

  // The database cannot store some characters a valid JSON answer may hold: rather than change
  // the data a later step or the run's output would use, the step fails saying where they are.
  private static Optional<String> unstorable(JsonNode output, JsonNode kept) {
    return StorableText.problemIn(output)
        .map(problem -> "the extracted output holds " + problem + ", which cannot be stored")
        .or(
            () ->
                StorableText.problemIn(kept)
                    .map(
                        problem ->
                            "the answer kept for later steps holds "
                                + problem
                                + ", which cannot be stored"));
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
        error(outcome, scope)
            + afterAttempts(attempts)
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

  private String error(AttemptOutcome outcome, RunScope scope) {
    return switch (outcome) {
      case Answered(HttpAnswer answer) ->
          HttpReasonPhrases.statusLine(answer.status()) + excerpt(answer, scope.redactor());
      case ConnectionFailed failed -> failed.error();
      case AnswerTooLarge tooLarge -> tooLarge.error();
      case StepTimedOut timedOut -> "timed out after " + timedOut.timeoutMs() + " ms";
      case DeadlineReached reached -> "the run's deadline passed";
      case Refused refused -> refused.error();
      case Interrupted interrupted -> "cancelled";
    };
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

  private String excerpt(HttpAnswer answer, SecretRedactor redactor) {
    String body = answer.bodyText().strip();
    if (body.isEmpty()) {
      return "";
    }
    // Redact before cutting, so a cut never leaves the start of a secret behind.
    String redacted =
        redactor.redact(
            body.length() > 4 * excerptChars ? body.substring(0, 4 * excerptChars) : body);
    String cut =
        redacted.length() > excerptChars ? redacted.substring(0, excerptChars) + "…" : redacted;
    return ": " + cut.replaceAll("\\s+", " ");
  }

  private static String afterAttempts(int attempts) {
    return attempts > 1 ? " (after " + attempts + " attempts)" : "";
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

  private static String describe(IOException e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    if ((message == null || message.isBlank()) && cause != null) {
      message = cause.getMessage();
    }
    String type = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  private Instant now() {
    return clock.instant();
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
