package dev.connectorengine.api.template;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/templates}: the marketplace of official and community connector templates. */
@RestController
@RequestMapping("/api/v1/templates")
@Tag(
    name = "Templates",
    description =
        "Connector templates, official and community: browse, publish, install in one call, rate.")
class TemplateController {

  private final TemplateCatalog catalog;
  private final TemplateInstaller installer;

  TemplateController(TemplateCatalog catalog, TemplateInstaller installer) {
    this.catalog = catalog;
    this.installer = installer;
  }

  @GetMapping
  @RequiresScope(Scope.READ)
  @Operation(
      operationId = "listTemplates",
      summary = "Browse and search the public templates and the workspace's own")
  @ApiResponse(responseCode = "200", description = "a page, featured first, then by `sort`")
  TemplatePage list(
      ApiPrincipal caller,
      @Parameter(description = "text in the name, description or category")
          @RequestParam(required = false)
          String q,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) Boolean official,
      @RequestParam(required = false) Boolean featured,
      @Parameter(description = "popular (default: most installed), rating, newest or name")
          @RequestParam(required = false)
          String sort,
      @Parameter(description = "1 to 100, default 20") @RequestParam(required = false)
          Integer limit,
      @Parameter(description = "the `nextOffset` of the page before")
          @RequestParam(required = false)
          Integer offset) {
    return catalog.search(
        caller.workspaceId(),
        TemplateQueries.of(q, category, tag, official, featured, sort, limit, offset));
  }

  @GetMapping("/{id}")
  @RequiresScope(Scope.READ)
  @Operation(operationId = "getTemplate", summary = "Read a template")
  @ApiResponse(responseCode = "200", description = "the template")
  @ApiResponse(responseCode = "404", description = "no such template, or another's private one")
  TemplateView get(ApiPrincipal caller, @PathVariable UUID id) {
    return catalog.get(caller.workspaceId(), id);
  }

  @PostMapping
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "publishTemplate",
      summary = "Publish one of the workspace's connectors as a community template")
  @ApiResponse(responseCode = "201", description = "the template, its spec copied")
  @ApiResponse(responseCode = "409", description = "a template with this name exists")
  @ApiResponse(
      responseCode = "422",
      description = "no connectorId or isPublic, no such connector, a field too long")
  ResponseEntity<TemplateView> publish(
      ApiPrincipal caller, @RequestBody PublishTemplateRequest request) {
    TemplateView created = catalog.publish(caller, request);
    return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id())).body(created);
  }

  @PatchMapping("/{id}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "updateTemplate", summary = "Change the workspace's own template")
  @ApiResponse(responseCode = "200", description = "the template")
  @ApiResponse(responseCode = "403", description = "a template you can see but is not yours")
  @ApiResponse(responseCode = "404", description = "no such template, or another's private one")
  @ApiResponse(responseCode = "409", description = "a template with this name exists")
  @ApiResponse(responseCode = "422", description = "a field too long, or isFeatured")
  TemplateView update(
      ApiPrincipal caller, @PathVariable UUID id, @RequestBody TemplatePatch patch) {
    return catalog.update(caller, id, patch);
  }

  @DeleteMapping("/{id}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "unpublishTemplate", summary = "Unpublish the workspace's own template")
  @ApiResponse(
      responseCode = "204",
      description = "removed; connectors installed from it stay, with createdFromTemplate")
  @ApiResponse(responseCode = "403", description = "a template you can see but is not yours")
  @ApiResponse(responseCode = "404", description = "no such template, or another's private one")
  ResponseEntity<Void> unpublish(ApiPrincipal caller, @PathVariable UUID id) {
    catalog.unpublish(caller, id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/install")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "installTemplate", summary = "Install a template as a new connector")
  @ApiResponse(
      responseCode = "201",
      description = "the connector, and the services it needs that have no credential here")
  @ApiResponse(responseCode = "404", description = "no such template, or another's private one")
  @ApiResponse(
      responseCode = "422",
      description = "a credentialMapping of a service the template does not use, or a bad name")
  ResponseEntity<InstallResult> install(
      ApiPrincipal caller,
      @PathVariable UUID id,
      @RequestBody(required = false) InstallRequest body) {
    InstallResult result =
        installer.install(caller, id, body == null ? new InstallRequest(null, null) : body);
    return ResponseEntity.created(URI.create("/api/v1/connectors/" + result.connector().id()))
        .body(result);
  }

  @PutMapping("/{id}/rating")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "rateTemplate", summary = "Rate a template, or change the rating")
  @ApiResponse(responseCode = "200", description = "the rating and the template's new mean")
  @ApiResponse(responseCode = "404", description = "no such template, or another's private one")
  @ApiResponse(responseCode = "422", description = "stars missing or outside 1 to 5")
  ResponseEntity<RatingView> rate(
      ApiPrincipal caller, @PathVariable UUID id, @RequestBody RatingRequest request) {
    return ResponseEntity.status(HttpStatus.OK).body(catalog.rate(caller, id, request));
  }
}
