package dev.connectorengine.worker.requestlog;

import dev.connectorengine.model.execution.StorableText;
import java.time.Instant;
import java.util.UUID;

/**
 * One HTTP attempt of a run's step, as its request log row stores it. Holds no credential value:
 * the URL has no query string and the excerpts are redacted; every text is storable as is (see
 * {@link StorableText}), so a row can never make the database refuse a batch.
 *
 * @param integration the slug of the integration whose action the step called, or null
 * @param action the slug of that action, or null
 * @param url scheme, host, port and path of the attempt's request; never the query string
 * @param attempt 1 for the step's first call, 2 for its first retry, ...
 * @param httpStatus the answer's status, or null when none came
 * @param error why no answer came (connection failure, timeout...), or null
 * @param requestBody the first {@link SummaryBody#MAX_CHARS} characters of the body, redacted
 * @param responseBody likewise of the answer's body
 * @param createdAt when the attempt started
 */
public record RequestLog(
    UUID id,
    UUID workspaceId,
    UUID executionId,
    UUID connectorId,
    String stepId,
    String integration,
    String action,
    int attempt,
    String method,
    String url,
    Integer httpStatus,
    long latencyMs,
    String error,
    String requestContentType,
    Long requestSize,
    String requestBody,
    String responseContentType,
    Long responseSize,
    String responseBody,
    Instant createdAt) {

  public RequestLog {
    stepId = StorableText.clean(stepId);
    method = StorableText.clean(method);
    url = StorableText.clean(url);
    error = StorableText.clean(error);
    requestContentType = StorableText.clean(requestContentType);
    requestBody = StorableText.clean(requestBody);
    responseContentType = StorableText.clean(responseContentType);
    responseBody = StorableText.clean(responseBody);
  }
}
