package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.requestlog.RequestLog;
import dev.connectorengine.worker.requestlog.RequestUrls;
import dev.connectorengine.worker.requestlog.SummaryBody;
import dev.connectorengine.worker.run.AttemptOutcome.AnswerTooLarge;
import dev.connectorengine.worker.run.AttemptOutcome.Answered;
import dev.connectorengine.worker.run.AttemptOutcome.ConnectionFailed;
import dev.connectorengine.worker.run.AttemptOutcome.DeadlineReached;
import dev.connectorengine.worker.run.AttemptOutcome.Interrupted;
import dev.connectorengine.worker.run.AttemptOutcome.Refused;
import dev.connectorengine.worker.run.AttemptOutcome.StepTimedOut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The request log of one run: a row per HTTP attempt of its steps, kept in memory until the run's
 * terminal write stores them with it. Redirects are followed within an attempt and belong to its
 * row (the URL is the one the step called). Everything is redacted with the run's {@link
 * SecretRedactor}; the query string is never kept. A run whose worker writes no request logs holds
 * an {@link #off()} book.
 */
final class RequestLogBook {

  private static final RequestLogBook OFF = new RequestLogBook(null);

  private final ClaimedExecution execution;
  private final List<RequestLog> logs;

  private RequestLogBook(ClaimedExecution execution) {
    this.execution = execution;
    this.logs = execution == null ? List.of() : new ArrayList<>();
  }

  static RequestLogBook of(ClaimedExecution execution) {
    return new RequestLogBook(execution);
  }

  /** A book that keeps nothing. */
  static RequestLogBook off() {
    return OFF;
  }

  /** Keeps a row for an attempt that was sent; nothing for one that never left. */
  void record(
      StepSpec step,
      int attempt,
      PreparedRequest request,
      AttemptOutcome outcome,
      Instant startedAt,
      SecretRedactor redactor) {
    if (execution == null || !outcome.sent() || outcome instanceof Refused) {
      return;
    }
    HttpAnswer answer = outcome instanceof Answered(HttpAnswer a) ? a : null;
    logs.add(
        new RequestLog(
            UUID.randomUUID(),
            execution.workspaceId(),
            execution.id(),
            execution.connectorId(),
            step.id(),
            step.binding() == null ? null : step.binding().integration(),
            step.binding() == null ? null : step.binding().action(),
            attempt,
            request.method(),
            redactor.redact(RequestUrls.withoutQuery(request.uri())),
            answer == null ? null : answer.status(),
            latencyOf(outcome),
            errorOf(outcome, redactor),
            request.body() == null ? null : redactor.redact(requestContentType(request.headers())),
            SummaryBody.utf8Size(request.body()),
            excerpt(request.body(), redactor),
            answer == null ? null : first(answer.headers().get("content-type")),
            answer == null ? null : SummaryBody.utf8Size(answer.bodyText()),
            answer == null ? null : excerpt(answer.bodyText(), redactor),
            startedAt));
  }

  /** The rows kept so far, oldest first. */
  List<RequestLog> logs() {
    return List.copyOf(logs);
  }

  private static long latencyOf(AttemptOutcome outcome) {
    return switch (outcome) {
      case Answered(HttpAnswer answer) -> answer.latencyMs();
      case ConnectionFailed failed -> failed.latencyMs();
      case AnswerTooLarge tooLarge -> tooLarge.latencyMs();
      case StepTimedOut timedOut -> timedOut.latencyMs();
      case DeadlineReached reached -> reached.latencyMs();
      case Interrupted interrupted -> interrupted.latencyMs();
      case Refused refused -> 0;
    };
  }

  private static String errorOf(AttemptOutcome outcome, SecretRedactor redactor) {
    return switch (outcome) {
      case Answered answered -> null;
      case ConnectionFailed failed -> redactor.redact(failed.error());
      case AnswerTooLarge tooLarge -> redactor.redact(tooLarge.error());
      case StepTimedOut timedOut -> "no answer within " + timedOut.timeoutMs() + " ms";
      case DeadlineReached reached -> "the run's deadline passed during the call";
      case Interrupted interrupted -> "the run was stopped during the call";
      case Refused refused -> redactor.redact(refused.error());
    };
  }

  // The client sends a JSON body as application/json unless the step set its own type.
  private static String requestContentType(Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("content-type")) {
        return header.getValue();
      }
    }
    return "application/json";
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  // Redacted before it is cut, so a cut never leaves the start of a secret behind (as StepErrors).
  private static String excerpt(String body, SecretRedactor redactor) {
    if (body == null || body.isEmpty()) {
      return null;
    }
    int window = 4 * SummaryBody.MAX_CHARS + redactor.reach();
    String redacted = redactor.redact(body.length() > window ? body.substring(0, window) : body);
    return redacted.length() > SummaryBody.MAX_CHARS
        ? redacted.substring(0, SummaryBody.MAX_CHARS)
        : redacted;
  }
}
