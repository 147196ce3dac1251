package dev.connectorengine.api.auth;

import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/api-keys}: the keys of the caller's workspace. */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(
    name = "API keys",
    description = "The workspace's keys, each with its scopes; a key is shown once.")
class ApiKeyController {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final ApiKeyService keys;

  ApiKeyController(ApiKeyService keys) {
    this.keys = keys;
  }

  @PostMapping
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "createApiKey",
      summary = "Create an API key",
      description =
          "Optionally one that expires (`expiresAt`), that may trigger only some connectors"
              + " (`connectorIds`), or that may trigger only so many runs per UTC day and month"
              + " (`runsPerDay`, `runsPerMonth`, counted besides the workspace's limits); reads"
              + " stay workspace-wide. A key makes keys no wider than itself.")
  @ApiResponse(responseCode = "201", description = "created: the key, shown this once")
  @ApiResponse(
      responseCode = "403",
      description =
          "the calling key lacks `configure` or a scope it asks to grant, or the new key would"
              + " outlive it, trigger other connectors or run more than it may")
  @ApiResponse(
      responseCode = "422",
      description =
          "no name, no or unknown scopes, `expiresAt` not in the future or over five years ahead,"
              + " `connectorIds[i]` not a connector of this workspace or repeated, or `runsPerDay`"
              + " / `runsPerMonth` outside 0 to 10^12 or per day over per month")
  ResponseEntity<CreatedApiKey> create(ApiPrincipal caller, @RequestBody ApiKeyRequest request) {
    // The answer holds a secret: no cache may keep it.
    return ResponseEntity.status(HttpStatus.CREATED)
        .cacheControl(CacheControl.noStore())
        .body(keys.create(caller, request));
  }

  @GetMapping
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "listApiKeys", summary = "List API keys, newest first")
  @ApiResponse(
      responseCode = "200",
      description = "one page; pass `nextCursor` as `cursor` for the next")
  Page<ApiKeyView> list(
      ApiPrincipal caller,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return keys.list(
        caller.workspaceId(),
        KeysetCursor.decode(cursor),
        KeysetCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  @DeleteMapping("/{id}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "revokeApiKey", summary = "Revoke an API key")
  @ApiResponse(responseCode = "204", description = "revoked")
  @ApiResponse(responseCode = "404", description = "no such key in this workspace")
  ResponseEntity<Void> revoke(ApiPrincipal caller, @PathVariable UUID id) {
    keys.revoke(caller, id);
    return ResponseEntity.noContent().build();
  }
}
