package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.outbound.AnswerTooLargeException;
import dev.connectorengine.model.outbound.TargetRefusedException;
import dev.connectorengine.worker.hostrate.HostRateLimiters;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * One HTTP attempt of a step, within the shorter of the step's timeout and the time left before the
 * run's deadline, interruptible by the run's signal; how it ended, as an {@link AttemptOutcome}. A
 * call to a rate-limited host first waits for its permit ({@link HostRateLimiters}): the run's
 * deadline bounds that wait, a stop ends it, and neither the step's timeout nor the request log's
 * timing counts it.
 */
@Component
class StepCall {

  private final StepHttpClient http;
  private final Clock clock;
  private final HostRateLimiters rates;

  StepCall(StepHttpClient http, Clock clock, HostRateLimiters rates) {
    this.http = http;
    this.clock = clock;
    this.rates = rates;
  }

  /** Makes the attempt and keeps its request log row (one that was never sent leaves none). */
  AttemptOutcome attemptLogged(
      StepSpec step, PreparedRequest request, RunScope scope, int attemptNumber) {
    Optional<AttemptOutcome> noPermit = awaitPermit(request, scope);
    if (noPermit.isPresent()) {
      return noPermit.get();
    }
    Instant sentAt = clock.instant();
    AttemptOutcome outcome = attempt(step, request, scope);
    scope.requestLogs().record(step, attemptNumber, request, outcome, sentAt, scope.redactor());
    return outcome;
  }

  AttemptOutcome attempt(StepSpec step, PreparedRequest request, RunScope scope) {
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
      return new Interrupted(true, elapsedMs(start));
    }
  }

  /**
   * Waits for the permit of the request's host; empty once it may go, else how the attempt ended
   * unsent: the run's deadline would pass first, or the run was stopped while waiting.
   */
  private Optional<AttemptOutcome> awaitPermit(PreparedRequest request, RunScope scope) {
    Duration remaining = Duration.between(clock.instant(), scope.deadline());
    if (remaining.isNegative() || remaining.isZero()) {
      return Optional.of(new DeadlineReached(false, 0));
    }
    Optional<Duration> wait = rates.reserve(request.uri(), remaining);
    if (wait.isEmpty()) {
      return Optional.of(new DeadlineReached(false, 0));
    }
    if (wait.get().isZero()) {
      return Optional.empty();
    }
    try {
      // Rounded up: a call a little late keeps to the rate, one a little early does not.
      scope.signal().pause(TimeUnit.NANOSECONDS.toMillis(wait.get().toNanos() + 999_999));
      return Optional.empty();
    } catch (InterruptedException e) {
      return Optional.of(new Interrupted(false, 0));
    }
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

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
