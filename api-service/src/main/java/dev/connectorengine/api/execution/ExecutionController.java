package dev.connectorengine.api.execution;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.openapi.ApiExamples;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.UUID;
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
@Tag(
    name = "Executions",
    description =
        "Runs of connectors: triggered at once, run by the workers, polled or reported"
            + " by webhook.")
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
      summary = "Trigger a connector",
      description =
          "Writes a pending execution and answers at once; workers run it. The same"
              + " `Idempotency-Key` with the same body answers the same execution; with another"
              + " body, 409. With `?wait=` (e.g. `30s`, `1500ms`, `PT30S`; at most 60 s) it"
              + " answers 200 with the finished execution if the run ends within the wait.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "withInput",
                              summary = "Input checked against the connector's input schema",
                              value = ApiExamples.TRIGGER_REQUEST))))
  @ApiResponse(
      responseCode = "200",
      description = "the run ended within the wait: the finished execution",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ExecutionResponse.class)))
  @ApiResponse(
      responseCode = "202",
      description = "accepted: the pending execution, or the earlier one for a known key",
      headers = {
        @Header(
            name = "Location",
            description = "the execution's URL",
            schema = @Schema(type = "string")),
        @Header(
            name = "Idempotent-Replayed",
            description = "`true` when the key was seen before and this is that execution",
            schema = @Schema(type = "string"))
      },
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ExecutionResponse.class),
              examples = @ExampleObject(name = "pending", value = ApiExamples.PENDING_EXECUTION)))
  @ApiResponse(
      responseCode = "403",
      description =
          "the API key lacks `execute`, or is limited to other connectors (`connectorId` names"
              + " the connector)")
  @ApiResponse(responseCode = "404", description = "no such connector in this workspace")
  @ApiResponse(
      responseCode = "409",
      description = "the connector is disabled, or the key was used for another connector or body")
  @ApiResponse(
      responseCode = "422",
      description = "the input fails the connector's input schema; `errors` names each field")
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
            caller, connectorId, request == null ? TriggerRequest.EMPTY : request, idempotencyKey);
    return results.answer(caller.workspaceId(), triggered, waitFor);
  }

  @GetMapping("/api/v1/executions/{id}")
  @RequiresScope(Scope.READ)
  @Operation(
      operationId = "getExecution",
      summary = "Read an execution",
      description =
          "Shows where the run is, step by step. Send the `ETag` back as `If-None-Match` to"
              + " get 304 while nothing changed.",
      parameters =
          @Parameter(
              name = "If-None-Match",
              in = ParameterIn.HEADER,
              description = "the `ETag` of the execution as last read",
              schema = @Schema(type = "string")))
  @ApiResponse(
      responseCode = "200",
      description = "the execution",
      headers =
          @Header(name = "ETag", description = "its version", schema = @Schema(type = "string")),
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ExecutionResponse.class),
              examples =
                  @ExampleObject(name = "succeeded", value = ApiExamples.SUCCEEDED_EXECUTION)))
  @ApiResponse(
      responseCode = "304",
      description = "unchanged since the `If-None-Match` ETag",
      headers =
          @Header(name = "ETag", description = "its version", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "404", description = "no such execution in this workspace")
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
  @ApiResponse(
      responseCode = "200",
      description = "one page; pass `nextCursor` as `cursor` for the next")
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
  @Operation(
      operationId = "cancelExecution",
      summary = "Cancel an execution",
      description = "A pending run is cancelled at once; a running one within about a second.")
  @ApiResponse(responseCode = "202", description = "accepted: the execution, cancelled or to be")
  @ApiResponse(responseCode = "404", description = "no such execution in this workspace")
  @ApiResponse(responseCode = "409", description = "the execution has already ended")
  ResponseEntity<ExecutionResponse> cancel(ApiPrincipal caller, @PathVariable UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(canceller.cancel(caller, id));
  }
}
