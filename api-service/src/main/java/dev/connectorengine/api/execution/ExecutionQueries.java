package dev.connectorengine.api.execution;

import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.execution.ExecutionStatus;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads executions of a workspace: one, or a page newest first. */
@Service
class ExecutionQueries {

  private final ExecutionRepository executions;

  ExecutionQueries(ExecutionRepository executions) {
    this.executions = executions;
  }

  @Transactional(readOnly = true)
  ExecutionResponse get(UUID workspaceId, UUID id) {
    return executions
        .find(workspaceId, id)
        .orElseThrow(() -> ApiException.notFound("execution " + id));
  }

  @Transactional(readOnly = true)
  Page<ExecutionResponse> list(
      UUID workspaceId, UUID connectorId, String status, KeysetCursor after, int limit) {
    ExecutionStatus wanted = null;
    if (status != null && !status.isBlank()) {
      try {
        wanted = ExecutionStatus.fromWireName(status);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("status", e.getMessage());
      }
    }
    List<ExecutionResponse> rows =
        executions.page(workspaceId, connectorId, wanted, after, limit + 1);
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<ExecutionResponse> page = List.copyOf(rows.subList(0, limit));
    ExecutionResponse last = page.getLast();
    return new Page<>(page, new KeysetCursor(last.createdAt(), last.id()).encode());
  }
}
