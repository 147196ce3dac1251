package dev.connectorengine.api.integration;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/integrations/{slug}/actions}: the typed calls of an integration. */
@RestController
@RequestMapping("/api/v1/integrations/{slug}/actions")
@Tag(name = "Integrations")
class ActionController {

  private final Actions actions;

  ActionController(Actions actions) {
    this.actions = actions;
  }

  @PostMapping
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "createIntegrationAction", summary = "Add an action to an integration")
  @ApiResponse(responseCode = "201", description = "the action, version 1")
  @ApiResponse(responseCode = "404", description = "no such integration in this workspace")
  @ApiResponse(responseCode = "409", description = "the integration has an action with this slug")
  @ApiResponse(
      responseCode = "422",
      description =
          "a field missing or malformed, an endpoint escaping the base URL, a template reading"
              + " what an action cannot, an invalid schema")
  ResponseEntity<ActionView> create(
      ApiPrincipal caller, @PathVariable String slug, @RequestBody ActionRequest request) {
    ActionView created = actions.create(caller, slug, request);
    return ResponseEntity.created(
            URI.create("/api/v1/integrations/" + slug + "/actions/" + created.slug()))
        .body(created);
  }

  @GetMapping
  @RequiresScope(Scope.READ)
  @Operation(operationId = "listIntegrationActions", summary = "An integration's actions")
  @ApiResponse(responseCode = "200", description = "a page of actions, newest first")
  @ApiResponse(responseCode = "400", description = "a malformed limit or cursor")
  @ApiResponse(responseCode = "404", description = "no such integration in this workspace")
  Page<ActionView> list(
      ApiPrincipal caller,
      @PathVariable String slug,
      @Parameter(description = "1 to 100, default 20") @RequestParam(required = false)
          Integer limit,
      @Parameter(description = "the `nextCursor` of the page before")
          @RequestParam(required = false)
          String cursor) {
    return actions.list(
        caller.workspaceId(),
        slug,
        KeysetCursor.decode(cursor),
        KeysetCursor.limit(
            limit, IntegrationController.DEFAULT_LIMIT, IntegrationController.MAX_LIMIT));
  }

  @GetMapping("/{action}")
  @RequiresScope(Scope.READ)
  @Operation(operationId = "getIntegrationAction", summary = "One action of an integration")
  @ApiResponse(responseCode = "200", description = "the action")
  @ApiResponse(responseCode = "404", description = "no such integration or action")
  ActionView get(ApiPrincipal caller, @PathVariable String slug, @PathVariable String action) {
    return actions.get(caller.workspaceId(), slug, action);
  }

  @PutMapping("/{action}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "replaceIntegrationAction",
      summary = "Replace an action (every field; the slug stays, the version goes up by one)")
  @ApiResponse(responseCode = "200", description = "the action as replaced")
  @ApiResponse(responseCode = "404", description = "no such integration or action")
  @ApiResponse(responseCode = "422", description = "as on create, or a slug other than the path's")
  ActionView replace(
      ApiPrincipal caller,
      @PathVariable String slug,
      @PathVariable String action,
      @RequestBody ActionRequest request) {
    return actions.replace(caller, slug, action, request);
  }

  @DeleteMapping("/{action}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "deleteIntegrationAction", summary = "Delete an action")
  @ApiResponse(responseCode = "204", description = "deleted")
  @ApiResponse(responseCode = "404", description = "no such integration or action")
  @ApiResponse(
      responseCode = "409",
      description = "a connector's current version has a step using it; `connectors` names them")
  ResponseEntity<Void> delete(
      ApiPrincipal caller, @PathVariable String slug, @PathVariable String action) {
    actions.delete(caller, slug, action);
    return ResponseEntity.noContent().build();
  }
}
