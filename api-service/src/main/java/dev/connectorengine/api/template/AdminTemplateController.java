package dev.connectorengine.api.template;

import dev.connectorengine.api.auth.AdminPrincipal;
import dev.connectorengine.api.auth.AdminRole;
import dev.connectorengine.api.auth.RequiresAdminRole;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/admin/templates}: the official templates, written by platform admins. */
@RestController
@RequestMapping("/api/v1/admin/templates")
@Tag(name = "Admin templates", description = "Official templates, for platform admins.")
class AdminTemplateController {

  private final OfficialTemplates official;

  AdminTemplateController(OfficialTemplates official) {
    this.official = official;
  }

  @PostMapping
  @RequiresAdminRole(AdminRole.ADMIN)
  @Operation(operationId = "createOfficialTemplate", summary = "Create an official template")
  @ApiResponse(responseCode = "201", description = "the template")
  @ApiResponse(responseCode = "409", description = "a template with this name exists")
  @ApiResponse(responseCode = "422", description = "an invalid spec or entry, naming the fields")
  ResponseEntity<TemplateView> create(
      AdminPrincipal admin, @RequestBody OfficialTemplateRequest request) {
    TemplateView created = official.create(admin, request);
    return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id())).body(created);
  }

  @GetMapping
  @RequiresAdminRole(AdminRole.DEVELOPER)
  @Operation(
      operationId = "listAllTemplates",
      summary = "Browse every template, private community ones included")
  @ApiResponse(responseCode = "200", description = "a page, as GET /api/v1/templates")
  TemplatePage list(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) Boolean official,
      @RequestParam(required = false) Boolean featured,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) Integer offset) {
    return this.official.search(
        TemplateQueries.of(q, category, tag, official, featured, sort, limit, offset));
  }

  @PutMapping("/{id}")
  @RequiresAdminRole(AdminRole.ADMIN)
  @Operation(operationId = "replaceOfficialTemplate", summary = "Replace an official template")
  @ApiResponse(responseCode = "200", description = "the template")
  @ApiResponse(responseCode = "404", description = "no such official template")
  @ApiResponse(responseCode = "409", description = "a template with this name exists")
  @ApiResponse(responseCode = "422", description = "an invalid spec or entry, naming the fields")
  TemplateView replace(@PathVariable UUID id, @RequestBody OfficialTemplateRequest request) {
    return official.replace(id, request);
  }

  @PatchMapping("/{id}")
  @RequiresAdminRole(AdminRole.ADMIN)
  @Operation(
      operationId = "updateOfficialTemplate",
      summary = "Change an official template's entry (featured, public, name...)")
  @ApiResponse(responseCode = "200", description = "the template")
  @ApiResponse(responseCode = "404", description = "no such official template")
  @ApiResponse(responseCode = "409", description = "a template with this name exists")
  @ApiResponse(responseCode = "422", description = "a field too long")
  TemplateView update(@PathVariable UUID id, @RequestBody TemplatePatch patch) {
    return official.update(id, patch);
  }

  @DeleteMapping("/{id}")
  @RequiresAdminRole(AdminRole.ADMIN)
  @Operation(operationId = "deleteOfficialTemplate", summary = "Remove an official template")
  @ApiResponse(responseCode = "204", description = "removed")
  @ApiResponse(responseCode = "404", description = "no such official template")
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    official.delete(id);
    return ResponseEntity.noContent().build();
  }
}
