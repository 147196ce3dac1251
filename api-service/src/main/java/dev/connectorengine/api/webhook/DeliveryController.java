package dev.connectorengine.api.webhook;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A run's webhook deliveries, and sending one again. */
@RestController
@Tag(name = "Webhooks")
class DeliveryController {

  private static final String PROBLEM = WebhookEndpointController.PROBLEM;

  private final Deliveries deliveries;

  DeliveryController(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  @GetMapping("/api/v1/executions/{id}/deliveries")
  @RequiresScope(Scope.READ)
  @Operation(
      operationId = "listExecutionDeliveries",
      summary = "The webhook deliveries of a run, with their attempts")
  @ApiResponse(responseCode = "200", description = "The deliveries, oldest first")
  @ApiResponse(
      responseCode = "404",
      description = "No such execution in this workspace",
      content = @Content(mediaType = PROBLEM))
  List<DeliveryView> ofExecution(ApiPrincipal caller, @PathVariable UUID id) {
    return deliveries.ofExecution(caller.workspaceId(), id);
  }

  @PostMapping("/api/v1/webhooks/deliveries/{id}/redeliver")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "redeliverWebhook",
      summary = "Send a delivery again: a new attempt cycle, the same webhook-id")
  @ApiResponse(responseCode = "202", description = "Queued")
  @ApiResponse(
      responseCode = "404",
      description = "No such delivery in this workspace",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description = "It is being sent right now",
      content = @Content(mediaType = PROBLEM))
  ResponseEntity<Void> redeliver(ApiPrincipal caller, @PathVariable UUID id) {
    deliveries.redeliver(caller, id);
    return ResponseEntity.status(HttpStatus.ACCEPTED).build();
  }
}
