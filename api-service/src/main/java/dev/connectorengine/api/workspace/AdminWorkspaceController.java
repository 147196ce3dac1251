package dev.connectorengine.api.workspace;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.connectorengine.api.auth.AdminRole;
import dev.connectorengine.api.auth.RequiresAdminRole;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin call: creates a workspace and its first key (the admin token, or an admin user's key
 * with the role admin).
 */
@RestController
@RequestMapping("/api/v1/admin/workspaces")
@Tag(name = "Admin", description = "Platform administration, with the admin token.")
class AdminWorkspaceController {

  private static final int MAX_NAME = 200;

  private final WorkspaceCreator creator;

  AdminWorkspaceController(WorkspaceCreator creator) {
    this.creator = creator;
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
