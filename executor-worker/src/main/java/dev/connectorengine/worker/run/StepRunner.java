package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.template.JsonPathExtractor;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.credential.WorkspaceCredentials;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Runs one step: checks its credentials, renders its request, makes the HTTP call within the step's
 * timeout and the run's deadline, and extracts its output. 2xx succeeds; any other answer, a
 * connection error or a timeout fails the step. (Retries wrap {@link #attempt} later.)
 */
@Component
class StepRunner {

  private final StepHttpClient http;
  private final Clock clock;
  private final int excerptChars;

  StepRunner(StepHttpClient http, Clock clock, WorkerSettings settings) {
    this.http = http;
    this.clock = clock;
    this.excerptChars = settings.errorExcerptChars();
  }

  /**
   * Runs {@code step}, whose record {@code started} is already running, and adds its output and
   * response to the context.
   *
   * @throws InterruptedException when the run is being abandoned; the call was aborted
   */
  StepResult run(
      StepSpec step,
      StepRecord started,
      RunContext context,
      WorkspaceCredentials credentials,
      SecretRedactor redactor,
      Instant deadline)
      throws InterruptedException {
    for (String service : CredentialReferences.in(step)) {
      Optional<String> problem = credentials.problemWith(service);
      if (problem.isPresent()) {
        return failed(started, 0, null, 0, problem.get(), redactor);
      }
    }
    PreparedRequest request;
    try {
      request = RequestRenderer.render(step.request(), context.document());
    } catch (StepPreparationException e) {
      return failed(started, 0, null, 0, e.getMessage(), redactor);
    }
    return attempt(step, started, request, context, redactor, deadline);
  }

  private StepResult attempt(
      StepSpec step,
      StepRecord started,
      PreparedRequest request,
      RunContext context,
      SecretRedactor redactor,
      Instant deadline)
      throws InterruptedException {
    Duration remaining = Duration.between(clock.instant(), deadline);
    if (remaining.isNegative() || remaining.isZero()) {
      return new StepResult(
          started.failed(0, null, 0, "the run's deadline passed", clock.instant()), true);
    }
    boolean deadlineBound = step.timeoutMs() == null || step.timeoutMs() >= remaining.toMillis();
    Duration timeout = deadlineBound ? remaining : Duration.ofMillis(step.timeoutMs());
    long start = System.nanoTime();
    HttpAnswer answer;
    try {
      answer = http.send(request, timeout);
    } catch (HttpTimeoutException e) {
      long latency = elapsedMs(start);
      if (deadlineBound) {
        return new StepResult(
            started.failed(1, null, latency, "the run's deadline passed during the call", now()),
            true);
      }
      return failed(
          started, 1, null, latency, "timed out after " + timeout.toMillis() + " ms", redactor);
    } catch (IOException e) {
      return failed(
          started, 1, null, elapsedMs(start), "connection failed: " + describe(e), redactor);
    } catch (IllegalArgumentException e) {
      return failed(started, 0, null, 0, "request refused: " + e.getMessage(), redactor);
    }
    if (answer.isSuccess()) {
      JsonNode output = JsonPathExtractor.extract(step.extract(), answer.body());
      context.recordStep(step.id(), output, answer);
      return new StepResult(
          started.succeeded(1, answer.status(), answer.latencyMs(), redactor.redact(output), now()),
          false);
    }
    context.recordStep(step.id(), JsonNodeFactory.instance.objectNode(), answer);
    String error = HttpReasonPhrases.statusLine(answer.status()) + excerpt(answer, redactor);
    return failed(started, 1, answer.status(), answer.latencyMs(), error, redactor);
  }

  private StepResult failed(
      StepRecord started,
      int attempts,
      Integer httpStatus,
      long latencyMs,
      String error,
      SecretRedactor redactor) {
    return new StepResult(
        started.failed(attempts, httpStatus, latencyMs, redactor.redact(error), now()), false);
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
