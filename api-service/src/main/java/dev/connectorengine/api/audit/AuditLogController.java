package dev.connectorengine.api.audit;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit-log}: the workspace's changes, newest first. It needs {@code configure}:
 * the log shows who holds which key and changed which secret, which is the workspace
 * administrators' business, not that of a dashboard's read-only key.
 */
@RestController
@Tag(
    name = "Audit log",
    description = "Who changed what in the workspace, and when; never a secret.")
class AuditLogController {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;

  private final AuditLogRepository rows;

  AuditLogController(AuditLogRepository rows) {
    this.rows = rows;
  }

  @GetMapping("/api/v1/audit-log")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "listAuditLog", summary = "List the audit log, newest first")
  @ApiResponse(
      responseCode = "200",
      description = "one page; pass `nextCursor` as `cursor` for the next")
  Page<AuditEntry> list(
      ApiPrincipal caller,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    KeysetCursor after = KeysetCursor.decode(cursor);
    int size = KeysetCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    List<AuditEntry> found = rows.page(caller.workspaceId(), after, size + 1);
    if (found.size() <= size) {
      return new Page<>(found, null);
    }
    List<AuditEntry> page = List.copyOf(found.subList(0, size));
    AuditEntry last = page.getLast();
    return new Page<>(page, new KeysetCursor(last.createdAt(), last.id()).encode());
  }
}
