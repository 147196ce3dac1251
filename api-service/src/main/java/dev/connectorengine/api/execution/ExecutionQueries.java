package dev.connectorengine.api.execution;

import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.execution.ExecutionStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads executions of a workspace: one, or a page newest first. */
@Service
class ExecutionQueries {

  private final ExecutionRepository executions;
  private final ExecutionSearch search;

  ExecutionQueries(ExecutionRepository executions, ExecutionSearch search) {
    this.executions = executions;
    this.search = search;
  }

  @Transactional(readOnly = true)
  ExecutionResponse get(UUID workspaceId, UUID id) {
    return executions
        .find(workspaceId, id)
        .orElseThrow(() -> ApiException.notFound("execution " + id));
  }

  @Transactional(readOnly = true)
  Page<ExecutionResponse> list(
      UUID workspaceId, ExecutionFilter filter, KeysetCursor after, int limit) {
    List<ExecutionResponse> rows = search.page(workspaceId, filter, after, limit + 1);
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<ExecutionResponse> page = List.copyOf(rows.subList(0, limit));
    ExecutionResponse last = page.getLast();
    return new Page<>(page, new KeysetCursor(last.createdAt(), last.id()).encode());
  }

  /**
   * The list's filters from its query parameters.
   *
   * @throws ApiException 400 naming the parameter that is malformed, or both instants when the
   *     range is empty
   */
  static ExecutionFilter filter(
      UUID connectorId,
      String status,
      String flowRunId,
      UUID retryOf,
      String createdAfter,
      String createdBefore) {
    ExecutionStatus wanted = null;
    if (status != null && !status.isBlank()) {
      try {
        wanted = ExecutionStatus.fromWireName(status);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("status", e.getMessage());
      }
    }
    Instant after = instant("createdAfter", createdAfter);
    Instant before = instant("createdBefore", createdBefore);
    if (after != null && before != null && after.isAfter(before)) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "createdAfter is later than createdBefore",
          List.of(
              new SpecViolation("createdAfter", "must not be later than createdBefore"),
              new SpecViolation("createdBefore", "must not be earlier than createdAfter")));
    }
    return new ExecutionFilter(
        connectorId,
        wanted,
        flowRunId == null || flowRunId.isEmpty() ? null : flowRunId,
        retryOf,
        after,
        before);
  }

  private static Instant instant(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          parameter, "must be an ISO-8601 instant such as 2026-01-31T09:30:00Z");
    }
  }
}
