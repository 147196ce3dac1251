package dev.connectorengine.api.workspace;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.connectorengine.api.auth.AdminRole;
import dev.connectorengine.api.auth.RequiresAdminRole;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.connector.SpecViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
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
import tools.jackson.databind.JsonNode;

/**
 * The admin calls on workspaces (the admin token, or an admin user's key: reading needs the role
 * developer, changing admin): create one with its first key, list them with their usage, read,
 * change (name and settings) and delete one.
 */
@RestController
@RequestMapping("/api/v1/admin/workspaces")
@Tag(name = "Admin", description = "Platform administration, with the admin token.")
class AdminWorkspaceController {

  private static final int MAX_NAME = 200;

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final WorkspaceCreator creator;
  private final AdminWorkspaces workspaces;

  AdminWorkspaceController(WorkspaceCreator creator, AdminWorkspaces workspaces) {
    this.creator = creator;
    this.workspaces = workspaces;
  }

  @GetMapping
  @RequiresAdminRole(AdminRole.DEVELOPER)
  @Operation(
      operationId = "listWorkspaces",
      summary = "List live workspaces newest first, with their usage, in keyset pages")
  @ApiResponse(responseCode = "200", description = "one page; pass `nextCursor` as `cursor`")
  @ApiResponse(
      responseCode = "400",
      description = "a malformed cursor or limit",
      content = @Content(mediaType = "application/problem+json"))
  Page<WorkspaceView> list(
      @Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false)
          Integer limit,
      @RequestParam(required = false) String cursor) {
    return workspaces.list(
        cursor == null ? null : KeysetCursor.decode(cursor),
        KeysetCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  @GetMapping("/{id}")
  @RequiresAdminRole(AdminRole.DEVELOPER)
  @Operation(operationId = "getWorkspace", summary = "Read a workspace with its settings and usage")
  @ApiResponse(responseCode = "200", description = "the workspace")
  @ApiResponse(
      responseCode = "404",
      description = "no such workspace, or it was deleted",
      content = @Content(mediaType = "application/problem+json"))
  WorkspaceView get(@PathVariable UUID id) {
    return workspaces.get(id);
  }

  @PatchMapping("/{id}")
  @RequiresAdminRole(AdminRole.ADMIN)
  @Operation(
      operationId = "updateWorkspace",
      summary = "Change a workspace's name or settings",
      description =
          "A JSON merge patch of `name` and `settings`; a setting set to null goes back to the"
              + " platform's.")
  @ApiResponse(responseCode = "200", description = "the workspace as changed")
  @ApiResponse(
      responseCode = "404",
      description = "no such workspace, or it was deleted",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "422",
      description = "a blank name, an unknown setting or one out of range; `errors` names each",
      content = @Content(mediaType = "application/problem+json"))
  WorkspaceView patch(@PathVariable UUID id, @RequestBody JsonNode patch) {
    return workspaces.patch(id, patch);
  }

  @DeleteMapping("/{id}")
  @RequiresAdminRole(AdminRole.ADMIN)
  @Operation(
      operationId = "deleteWorkspace",
      summary = "Delete a workspace: its keys stop working at once",
      description =
          "Marks it deleted and revokes its keys in one transaction (audited as"
              + " `workspace.deleted`). `RETENTION_PURGE_AFTER` (2 h) later the workers delete"
              + " every row of it, table by table in short batches, and write one audit row"
              + " (`workspace.purged`, by the system) with the rows deleted per table; the"
              + " workspace row stays as a tombstone.")
  @ApiResponse(responseCode = "204", description = "deleted")
  @ApiResponse(
      responseCode = "404",
      description = "no such workspace, or it was deleted already",
      content = @Content(mediaType = "application/problem+json"))
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    workspaces.delete(id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping
  @RequiresAdminRole(AdminRole.ADMIN)
  @Operation(operationId = "createWorkspace", summary = "Create a workspace and its first API key")
  @ApiResponse(
      responseCode = "201",
      description = "created: the first key (every scope), shown this once")
  @ApiResponse(responseCode = "422", description = "no name, or one over 200 chars")
  ResponseEntity<WorkspaceCreator.CreatedWorkspace> create(
      @RequestBody CreateWorkspaceRequest body) {
    String name = body.name() == null ? "" : body.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw ApiException.invalid(
          "invalid workspace",
          List.of(new SpecViolation("name", "is required, at most " + MAX_NAME + " chars")));
    }
    WorkspaceCreator.CreatedWorkspace created = creator.create(name);
    // The answer holds the first key: no cache may keep it.
    return ResponseEntity.status(HttpStatus.CREATED)
        .cacheControl(CacheControl.noStore())
        .body(created);
  }

  /**
   * The admin call's body.
   *
   * @param name the workspace's display name
   */
  record CreateWorkspaceRequest(@Schema(requiredMode = REQUIRED) String name) {}
}
