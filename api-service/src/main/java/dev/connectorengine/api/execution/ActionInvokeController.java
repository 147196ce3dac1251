package dev.connectorengine.api.execution;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.connector.ActionConnectors;
import dev.connectorengine.api.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs one action on its own, as an execution of the action's own connector: the same lifecycle,
 * records, retries, request logs, webhooks, idempotency keys and {@code ?wait=} as a trigger.
 */
@RestController
@Tag(name = "Integrations")
class ActionInvokeController {

  private final ActionConnectors actions;
  private final ExecutionTrigger trigger;
  private final ResultWait results;

  ActionInvokeController(ActionConnectors actions, ExecutionTrigger trigger, ResultWait results) {
    this.actions = actions;
    this.trigger = trigger;
    this.results = results;
  }

  @PostMapping("/api/v1/integrations/{slug}/actions/{action}/invoke")
  @RequiresScope(Scope.EXECUTE)
  @Operation(
      operationId = "invokeAction",
      summary = "Run one action as an execution",
      description =
          "Checks `input` against the action's input schema, writes a pending execution of the"
              + " action's own connector and answers at once, as a trigger does (the same"
              + " `Idempotency-Key` and `?wait=` rules).")
  @ApiResponse(
      responseCode = "202",
      description = "accepted: the pending execution, or the earlier one for a known key",
      content = @Content(schema = @Schema(implementation = ExecutionResponse.class)))
  @ApiResponse(
      responseCode = "200",
      description = "with ?wait=: the run ended within the wait",
      content = @Content(schema = @Schema(implementation = ExecutionResponse.class)))
  @ApiResponse(
      responseCode = "403",
      description =
          "the API key lacks `execute`, or is limited to other connectors (`connectorId` names"
              + " the connector)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "404",
      description = "no such integration or action in the workspace",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "409",
      description = "the integration is disabled, or the key was used for another request",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "422",
      description = "the input fails the action's input schema; `errors` names each field",
      content = @Content(mediaType = "application/problem+json"))
  Object invoke(
      ApiPrincipal caller,
      @PathVariable String slug,
      @PathVariable String action,
      @RequestHeader(name = ExecutionTrigger.IDEMPOTENCY_KEY, required = false)
          String idempotencyKey,
      @Parameter(description = "how long to wait for the end: 30s, 1500ms or PT30S; at most 60s")
          @RequestParam(name = WaitParameter.NAME, required = false)
          String wait,
      @RequestBody(required = false) TriggerRequest request) {
    Duration waitFor = WaitParameter.parse(wait);
    UUID connectorId =
        actions
            .connectorOf(caller.workspaceId(), slug, action)
            .orElseThrow(
                () ->
                    ApiException.notFound("action '" + action + "' of integration '" + slug + "'"));
    ExecutionTrigger.Triggered triggered =
        trigger.trigger(
            caller, connectorId, request == null ? TriggerRequest.EMPTY : request, idempotencyKey);
    return results.answer(caller.workspaceId(), triggered, waitFor);
  }
}
