package dev.connectorengine.api.execution;

import dev.connectorengine.api.web.KeysetCursor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pages of a workspace's executions, filtered, newest first. */
@Repository
class ExecutionSearch {

  private final JdbcClient jdbc;

  ExecutionSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Up to {@code limit} executions after the cursor, newest first, filtered. Each filter has an
   * index that leads with it and goes on with {@code created_at DESC, id DESC}, so a page reads
   * only its own rows: the page indexes of V1 (workspace, connector, status; a created_at range is
   * their second column) and the partial ones of V9 (flow run id, replayed execution).
   */
  List<ExecutionResponse> page(
      UUID workspaceId, ExecutionFilter filter, KeysetCursor after, int limit) {
    StringBuilder sql = new StringBuilder(ExecutionRepository.SELECT_IN_WORKSPACE);
    Map<String, Object> params = new HashMap<>();
    params.put("workspaceId", workspaceId);
    params.put("limit", limit);
    if (filter.connectorId() != null) {
      sql.append(" AND connector_id = :connectorId");
      params.put("connectorId", filter.connectorId());
    }
    if (filter.status() != null) {
      sql.append(" AND status = :status");
      params.put("status", filter.status().wireName());
    }
    if (filter.flowRunId() != null) {
      // An equality implies IS NOT NULL, so the planner matches the partial index of V9.
      sql.append(" AND flow_run_id = :flowRunId");
      params.put("flowRunId", filter.flowRunId());
    }
    if (filter.retryOf() != null) {
      sql.append(" AND retry_of = :retryOf");
      params.put("retryOf", filter.retryOf());
    }
    if (filter.createdAfter() != null) {
      sql.append(" AND created_at > :createdAfter");
      params.put("createdAfter", utc(filter.createdAfter()));
    }
    if (filter.createdBefore() != null) {
      sql.append(" AND created_at < :createdBefore");
      params.put("createdBefore", utc(filter.createdBefore()));
    }
    if (after != null) {
      sql.append(" AND (created_at, id) < (:cursorAt, :cursorId)");
      params.put("cursorAt", utc(after.createdAt()));
      params.put("cursorId", after.id());
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
    return jdbc.sql(sql.toString()).params(params).query(ExecutionRepository::read).list();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
