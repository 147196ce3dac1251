package dev.connectorengine.api.execution;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Replays a finished execution as a new one. */
@RestController
@Tag(name = "Executions")
class ExecutionRetryController {

  private final ExecutionReplayer replayer;
  private final ResultWait results;

  ExecutionRetryController(ExecutionReplayer replayer, ResultWait results) {
    this.replayer = replayer;
    this.results = results;
  }

  @PostMapping("/api/v1/executions/{id}/retry")
  @RequiresScope(Scope.EXECUTE)
  @Operation(
      operationId = "retryExecution",
      summary = "Replay a finished execution, from the start or from its failed step")
  @ApiResponse(
      responseCode = "202",
      description = "the new, pending execution, retryOf naming the replayed one",
      content = @Content(schema = @Schema(implementation = ExecutionResponse.class)))
  @ApiResponse(
      responseCode = "200",
      description = "with ?wait=: the new execution ended within the wait",
      content = @Content(schema = @Schema(implementation = ExecutionResponse.class)))
  @ApiResponse(
      responseCode = "400",
      description = "malformed body or wait",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "403",
      description =
          "the API key lacks `execute`, or is limited to other connectors (`connectorId` names"
              + " the connector)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "404",
      description = "no such execution in the workspace",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "409",
      description =
          "the execution has not ended, its connector is disabled or deleted, or it cannot be"
              + " replayed from the failed step (nothing failed, or a reused step changed)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "422",
      description = "from or version is not one of their values",
      content = @Content(mediaType = "application/problem+json"))
  Object retry(
      ApiPrincipal caller,
      @PathVariable UUID id,
      @Parameter(description = "how long to wait for the end: 30s, 1500ms or PT30S; at most 60s")
          @RequestParam(name = WaitParameter.NAME, required = false)
          String wait,
      @RequestBody(required = false) RetryRequest request) {
    var waitFor = WaitParameter.parse(wait);
    ExecutionResponse replay =
        replayer.retry(caller, id, request == null ? RetryRequest.DEFAULTS : request);
    return results.answer(caller.workspaceId(), replay, waitFor, new HttpHeaders());
  }
}
