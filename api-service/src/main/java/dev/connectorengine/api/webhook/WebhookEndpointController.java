package dev.connectorengine.api.webhook;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/webhooks}: where the terminal events of the workspace's runs are sent. */
@RestController
@Tag(name = "Webhooks")
@RequestMapping("/api/v1/webhooks")
class WebhookEndpointController {

  static final String PROBLEM = "application/problem+json";
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final WebhookEndpoints endpoints;

  WebhookEndpointController(WebhookEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @PostMapping
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "createWebhookEndpoint", summary = "Register a webhook endpoint")
  @ApiResponse(responseCode = "201", description = "The endpoint")
  @ApiResponse(
      responseCode = "422",
      description = "A URL that is not absolute http(s) or not allowed, an unknown event",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description = "The workspace has the most endpoints allowed (50)",
      content = @Content(mediaType = PROBLEM))
  ResponseEntity<WebhookEndpointView> create(
      ApiPrincipal caller, @RequestBody WebhookEndpointRequest request) {
    WebhookEndpointView created = endpoints.create(caller, request);
    return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id())).body(created);
  }

  @GetMapping
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "listWebhookEndpoints", summary = "The workspace's webhook endpoints")
  @ApiResponse(responseCode = "200", description = "A page of endpoints, newest first")
  Page<WebhookEndpointView> list(
      ApiPrincipal caller,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return endpoints.list(
        caller.workspaceId(),
        KeysetCursor.decode(cursor),
        KeysetCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  @GetMapping("/{id}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "getWebhookEndpoint", summary = "One webhook endpoint")
  @ApiResponse(responseCode = "200", description = "The endpoint")
  @ApiResponse(
      responseCode = "404",
      description = "No such endpoint in this workspace",
      content = @Content(mediaType = PROBLEM))
  WebhookEndpointView get(ApiPrincipal caller, @PathVariable UUID id) {
    return endpoints.get(caller.workspaceId(), id);
  }

  @PatchMapping("/{id}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "updateWebhookEndpoint",
      summary = "Change a webhook endpoint's url, events or switch")
  @ApiResponse(responseCode = "200", description = "The endpoint as changed")
  @ApiResponse(
      responseCode = "404",
      description = "No such endpoint in this workspace",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "422",
      description = "An invalid url or event",
      content = @Content(mediaType = PROBLEM))
  WebhookEndpointView update(
      ApiPrincipal caller, @PathVariable UUID id, @RequestBody WebhookEndpointPatch patch) {
    return endpoints.update(caller, id, patch);
  }

  @DeleteMapping("/{id}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete a webhook endpoint")
  @ApiResponse(responseCode = "204", description = "Deleted; its pending deliveries end failed")
  @ApiResponse(
      responseCode = "404",
      description = "No such endpoint in this workspace",
      content = @Content(mediaType = PROBLEM))
  ResponseEntity<Void> delete(ApiPrincipal caller, @PathVariable UUID id) {
    endpoints.delete(caller, id);
    return ResponseEntity.noContent().build();
  }
}
