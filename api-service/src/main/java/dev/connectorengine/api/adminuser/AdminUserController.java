package dev.connectorengine.api.adminuser;

import dev.connectorengine.api.auth.AdminRole;
import dev.connectorengine.api.auth.RequiresAdminRole;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/admin/users}: the platform's admin users, managed by owners. */
@RestController
@RequestMapping("/api/v1/admin/users")
@Tag(name = "Admin users", description = "The platform's admins: developer, admin, owner.")
class AdminUserController {

  private final AdminUsers users;

  AdminUserController(AdminUsers users) {
    this.users = users;
  }

  @PostMapping
  @RequiresAdminRole(AdminRole.OWNER)
  @Operation(operationId = "createAdminUser", summary = "Add an admin user and make their key")
  @ApiResponse(responseCode = "201", description = "the user and their key, shown this once")
  @ApiResponse(responseCode = "409", description = "an admin user with this email exists")
  @ApiResponse(responseCode = "422", description = "a missing field or an unknown role")
  ResponseEntity<CreatedAdminUser> create(@RequestBody AdminUserRequest request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .cacheControl(CacheControl.noStore())
        .body(users.create(request));
  }

  @GetMapping
  @RequiresAdminRole(AdminRole.DEVELOPER)
  @Operation(operationId = "listAdminUsers", summary = "List the admin users")
  @ApiResponse(responseCode = "200", description = "every admin user, oldest first")
  List<AdminUserView> list() {
    return users.list();
  }

  @PatchMapping("/{id}")
  @RequiresAdminRole(AdminRole.OWNER)
  @Operation(operationId = "updateAdminUser", summary = "Rename an admin user or change their role")
  @ApiResponse(responseCode = "200", description = "the admin user")
  @ApiResponse(responseCode = "404", description = "no such admin user")
  @ApiResponse(responseCode = "422", description = "an empty name or an unknown role")
  AdminUserView update(@PathVariable UUID id, @RequestBody AdminUserPatch patch) {
    return users.update(id, patch);
  }

  @DeleteMapping("/{id}")
  @RequiresAdminRole(AdminRole.OWNER)
  @Operation(operationId = "deleteAdminUser", summary = "Remove an admin user and their key")
  @ApiResponse(responseCode = "204", description = "removed")
  @ApiResponse(responseCode = "404", description = "no such admin user")
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    users.delete(id);
    return ResponseEntity.noContent().build();
  }
}
