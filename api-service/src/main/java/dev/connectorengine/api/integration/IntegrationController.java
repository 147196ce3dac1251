package dev.connectorengine.api.integration;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.integration.IntegrationRepository.IntegrationFilter;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Locale;
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

/** {@code /api/v1/integrations}: the third-party APIs a workspace calls through typed actions. */
@RestController
@RequestMapping("/api/v1/integrations")
@Tag(
    name = "Integrations",
    description =
        "Third-party APIs (base URL, credential) and their typed actions, which connector steps"
            + " name instead of raw requests.")
class IntegrationController {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final int MAX_FILTER = 200;

  private final Integrations integrations;

  IntegrationController(Integrations integrations) {
    this.integrations = integrations;
  }

  @PostMapping
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "createIntegration", summary = "Register an integration")
  @ApiResponse(responseCode = "201", description = "the integration")
  @ApiResponse(responseCode = "409", description = "an integration with this slug exists")
  @ApiResponse(
      responseCode = "422",
      description =
          "a field missing or malformed, a base URL not allowed, a credential of the wrong type")
  ResponseEntity<IntegrationView> create(
      ApiPrincipal caller, @RequestBody IntegrationRequest request) {
    IntegrationView created = integrations.create(caller, request);
    return ResponseEntity.created(URI.create("/api/v1/integrations/" + created.slug()))
        .body(created);
  }

  @GetMapping
  @RequiresScope(Scope.READ)
  @Operation(operationId = "listIntegrations", summary = "The workspace's integrations")
  @ApiResponse(responseCode = "200", description = "a page of integrations, newest first")
  @ApiResponse(responseCode = "400", description = "a malformed filter, limit or cursor")
  Page<IntegrationView> list(
      ApiPrincipal caller,
      @Parameter(description = "integrations with this tag") @RequestParam(required = false)
          String tag,
      @Parameter(description = "draft, active, error or disabled") @RequestParam(required = false)
          String status,
      @Parameter(description = "text in the name, slug, display name or description")
          @RequestParam(required = false)
          String q,
      @Parameter(description = "1 to 100, default 20") @RequestParam(required = false)
          Integer limit,
      @Parameter(description = "the `nextCursor` of the page before")
          @RequestParam(required = false)
          String cursor) {
    if (status != null && !IntegrationRules.STATUSES.contains(status)) {
      throw ApiException.badRequest("status", "must be one of draft, active, error, disabled");
    }
    String wantedTag = text("tag", tag);
    IntegrationFilter filter =
        new IntegrationFilter(
            wantedTag == null ? null : wantedTag.toLowerCase(Locale.ROOT), status, text("q", q));
    return integrations.list(
        caller.workspaceId(),
        filter,
        KeysetCursor.decode(cursor),
        KeysetCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  @GetMapping("/{slug}")
  @RequiresScope(Scope.READ)
  @Operation(operationId = "getIntegration", summary = "One integration")
  @ApiResponse(responseCode = "200", description = "the integration")
  @ApiResponse(responseCode = "404", description = "no such integration in this workspace")
  IntegrationView get(ApiPrincipal caller, @PathVariable String slug) {
    return integrations.get(caller.workspaceId(), slug);
  }

  @PutMapping("/{slug}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "replaceIntegration",
      summary = "Replace an integration (every field; the slug stays)")
  @ApiResponse(responseCode = "200", description = "the integration as replaced")
  @ApiResponse(responseCode = "404", description = "no such integration in this workspace")
  @ApiResponse(
      responseCode = "422",
      description = "a field missing or malformed, or a slug other than the path's")
  IntegrationView replace(
      ApiPrincipal caller, @PathVariable String slug, @RequestBody IntegrationRequest request) {
    return integrations.replace(caller, slug, request);
  }

  @DeleteMapping("/{slug}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "deleteIntegration", summary = "Delete an integration and its actions")
  @ApiResponse(responseCode = "204", description = "deleted, its actions with it")
  @ApiResponse(responseCode = "404", description = "no such integration in this workspace")
  @ApiResponse(
      responseCode = "409",
      description = "a connector's current version has a step using it; `connectors` names them")
  ResponseEntity<Void> delete(ApiPrincipal caller, @PathVariable String slug) {
    integrations.delete(caller, slug);
    return ResponseEntity.noContent().build();
  }

  private static String text(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_FILTER) {
      throw ApiException.badRequest(name, "must be at most " + MAX_FILTER + " chars");
    }
    return value.strip();
  }
}
