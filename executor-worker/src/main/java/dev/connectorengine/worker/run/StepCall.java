package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.outbound.AnswerTooLargeException;
import dev.connectorengine.model.outbound.TargetRefusedException;
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
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * One HTTP attempt of a step, within the shorter of the step's timeout and the time left before the
 * run's deadline, interruptible by the run's signal; how it ended, as an {@link AttemptOutcome}.
 */
@Component
class StepCall {

  private final StepHttpClient http;
  private final Clock clock;

  StepCall(StepHttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** Makes the attempt and keeps its request log row (one that was never sent leaves none). */
  AttemptOutcome attemptLogged(
      StepSpec step, PreparedRequest request, RunScope scope, int attemptNumber) {
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
      return new Interrupted(elapsedMs(start));
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
