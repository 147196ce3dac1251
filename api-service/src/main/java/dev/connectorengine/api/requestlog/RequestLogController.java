package dev.connectorengine.api.requestlog;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/request-logs}: every HTTP call made for the workspace, newest first. */
@RestController
@Tag(
    name = "Request logs",
    description =
        "Every HTTP call made for the workspace: each attempt of a run's steps and each credential"
            + " test, with status, latency and redacted summaries; never a credential value.")
class RequestLogController {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;

  private final RequestLogs logs;

  RequestLogController(RequestLogs logs) {
    this.logs = logs;
  }

  @GetMapping("/api/v1/request-logs")
  @RequiresScope(Scope.READ)
  @Operation(
      operationId = "listRequestLogs",
      summary = "List the HTTP calls made for the workspace, newest first, in keyset pages")
  @ApiResponse(
      responseCode = "200",
      description = "one page; pass `nextCursor` as `cursor` for the next")
  Page<RequestLogView> list(
      ApiPrincipal caller,
      @Parameter(description = "only the calls of this run") @RequestParam(required = false)
          UUID executionId,
      @Parameter(
              description =
                  "only the calls of steps that called this integration's actions (its slug)")
          @RequestParam(required = false)
          String integration,
      @Parameter(description = "only the calls of this action (its slug)")
          @RequestParam(required = false)
          String action,
      @Parameter(description = "only the calls of this connector's runs")
          @RequestParam(required = false)
          UUID connectorId,
      @Parameter(
              description =
                  "an HTTP status (`503`), a class (`5xx`), or `error` for calls that got no"
                      + " answer")
          @RequestParam(required = false)
          String status,
      @Parameter(description = "ISO-8601 instant: only calls made at or after it")
          @RequestParam(required = false)
          String since,
      @Parameter(description = "ISO-8601 instant: only calls made before it")
          @RequestParam(required = false)
          String until,
      @Parameter(description = "page size, 1 to 200 (default 50)") @RequestParam(required = false)
          Integer limit,
      @RequestParam(required = false) String cursor) {
    return logs.page(
        caller.workspaceId(),
        RequestLogFilter.of(executionId, integration, action, connectorId, status, since, until),
        KeysetCursor.decode(cursor),
        KeysetCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }
}
