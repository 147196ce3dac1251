package dev.connectorengine.api.requestlog;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * One HTTP call made for the workspace: an attempt of a run's step, or a credential test. Never
 * holds a credential value: the URL has no query string, the body excerpts are redacted.
 *
 * @param source {@code step} or {@code credential_test}
 * @param executionId the run, for a step's call
 * @param connectorId the run's connector, for a step's call
 * @param stepId the step, for a step's call
 * @param service the credential tested, for a credential test
 * @param integration the integration called through, once integrations exist; null until then
 * @param action the action called, once actions exist; null until then
 * @param attempt 1 for the first call of a step, 2 for its first retry, ...
 * @param retryCount how many calls of the step came before this one
 * @param url scheme, host, port and path; never the query string
 * @param httpStatus the answer's status; null when none came
 * @param error why no answer came, or null
 * @param request what was sent
 * @param response what came back; null when nothing did
 */
record RequestLogView(
    @Schema(requiredMode = REQUIRED) UUID id,
    @Schema(
            requiredMode = REQUIRED,
            allowableValues = {"step", "credential_test"})
        String source,
    UUID executionId,
    UUID connectorId,
    String stepId,
    String service,
    String integration,
    String action,
    @Schema(requiredMode = REQUIRED) int attempt,
    @Schema(requiredMode = REQUIRED) int retryCount,
    @Schema(requiredMode = REQUIRED) String method,
    @Schema(requiredMode = REQUIRED) String url,
    Integer httpStatus,
    @Schema(requiredMode = REQUIRED) long latencyMs,
    String error,
    @Schema(requiredMode = REQUIRED) Summary request,
    Summary response,
    @Schema(requiredMode = REQUIRED) Instant createdAt) {

  /**
   * A body as the log keeps it.
   *
   * @param contentType its Content-Type, or null
   * @param size its size in bytes, or null when there was none
   * @param body its first 2 KiB, redacted; null when empty, and always for a credential test
   */
  record Summary(String contentType, Long size, String body) {}
}
