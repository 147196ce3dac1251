package dev.connectorengine.api.execution;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.json.JsonMapper;

/** Triggering, reading, listing and cancelling the executions of the caller's workspace. */
@RestController
class ExecutionController {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final ExecutionTrigger trigger;
  private final ExecutionQueries queries;
  private final ExecutionCanceller canceller;
  private final ResultWait results;
  private final JsonMapper json;

  ExecutionController(
      ExecutionTrigger trigger,
      ExecutionQueries queries,
      ExecutionCanceller canceller,
      ResultWait results,
      JsonMapper json) {
    this.trigger = trigger;
    this.queries = queries;
    this.canceller = canceller;
    this.results = results;
    this.json = json;
  }

  @PostMapping("/api/v1/connectors/{connectorId}/executions")
  @RequiresScope(Scope.EXECUTE)
  @Operation(
      operationId = "triggerExecution",
      summary = "Trigger a connector; with ?wait=, wait up to 60 s for the run to end")
  @ApiResponse(
      responseCode = "200",
      description = "the run ended within the wait: the finished execution",
      content = @Content(schema = @Schema(implementation = ExecutionResponse.class)))
  @ApiResponse(
      responseCode = "202",
      description = "the pending execution (or, after a wait, the execution as it is then)",
      content = @Content(schema = @Schema(implementation = ExecutionResponse.class)))
  @ApiResponse(
      responseCode = "400",
      description = "malformed body, Idempotency-Key or wait",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "404",
      description = "no such connector in the workspace",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "409",
      description =
          "the connector is disabled, or the Idempotency-Key was used for another request",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "422",
      description = "the input fails the connector's input schema",
      content = @Content(mediaType = "application/problem+json"))
  Object trigger(
      ApiPrincipal caller,
      @PathVariable UUID connectorId,
      @RequestHeader(name = ExecutionTrigger.IDEMPOTENCY_KEY, required = false)
          String idempotencyKey,
      @Parameter(description = "how long to wait for the end: 30s, 1500ms or PT30S; at most 60s")
          @RequestParam(name = WaitParameter.NAME, required = false)
          String wait,
      @RequestBody(required = false) TriggerRequest request) {
    Duration waitFor = WaitParameter.parse(wait);
    ExecutionTrigger.Triggered triggered =
        trigger.trigger(
            caller.workspaceId(),
            connectorId,
            request == null ? TriggerRequest.EMPTY : request,
            idempotencyKey);
    HttpHeaders headers = new HttpHeaders();
    if (!triggered.created()) {
      headers.add("Idempotent-Replayed", "true");
    }
    return results.answer(caller.workspaceId(), triggered.execution(), waitFor, headers);
  }

  @GetMapping("/api/v1/executions/{id}")
  @RequiresScope(Scope.READ)
  ResponseEntity<ExecutionResponse> get(
      ApiPrincipal caller, @PathVariable UUID id, WebRequest request) {
    ExecutionResponse execution = queries.get(caller.workspaceId(), id);
    String etag = ExecutionETag.of(json.writeValueAsBytes(execution));
    if (request.checkNotModified(etag)) {
      return null; // 304 with the ETag, already written
    }
    return ResponseEntity.ok().eTag(etag).body(execution);
  }

  @GetMapping("/api/v1/executions")
  @RequiresScope(Scope.READ)
  @Operation(
      operationId = "listExecutions",
      summary = "List executions newest first, filtered, in keyset pages")
  @ApiResponse(responseCode = "200", description = "a page of executions and the next cursor")
  @ApiResponse(
      responseCode = "400",
      description = "a malformed parameter, or createdAfter later than createdBefore",
      content = @Content(mediaType = "application/problem+json"))
  Page<ExecutionResponse> list(
      ApiPrincipal caller,
      @RequestParam(required = false) UUID connectorId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String flowRunId,
      @Parameter(description = "only the replays of this execution") @RequestParam(required = false)
          UUID retryOf,
      @Parameter(description = "ISO-8601 instant: only executions created after it")
          @RequestParam(required = false)
          String createdAfter,
      @Parameter(description = "ISO-8601 instant: only executions created before it")
          @RequestParam(required = false)
          String createdBefore,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return queries.list(
        caller.workspaceId(),
        ExecutionQueries.filter(
            connectorId, status, flowRunId, retryOf, createdAfter, createdBefore),
        KeysetCursor.decode(cursor),
        KeysetCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  @PostMapping("/api/v1/executions/{id}/cancel")
  @RequiresScope(Scope.EXECUTE)
  ResponseEntity<ExecutionResponse> cancel(ApiPrincipal caller, @PathVariable UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(canceller.cancel(caller, id));
  }
}
