package dev.connectorengine.api.execution;

import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.ExecutionTransition;
import dev.connectorengine.model.execution.ExecutionView;
import dev.connectorengine.model.execution.ExecutionViewRows;
import dev.connectorengine.model.execution.StepRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** Executions of one workspace: the pending row a trigger writes, reads, pages and cancels. */
@Repository
class ExecutionRepository {

  // A concurrent trigger with the same key waits on the unique index, then inserts nothing.
  private static final String INSERT_PENDING =
      """
      INSERT INTO connector_executions (id, workspace_id, connector_id, connector_version, status,
                                        steps_executed, input_data, timeout_ms, flow_run_id,
                                        idempotency_key, callback_url)
      VALUES (:id, :workspaceId, :connectorId, :version, :status, :steps::jsonb, :input::jsonb,
              :timeoutMs, :flowRunId, :idempotencyKey, :callbackUrl)
      ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
      RETURNING created_at
      """;

  private static final String COLUMNS =
      """
      SELECT %s
        FROM connector_executions
       WHERE workspace_id = :workspaceId
      """
          .formatted(ExecutionViewRows.COLUMNS);

  private static final String FIND = COLUMNS + " AND id = :id";

  private static final String FIND_BY_KEY = COLUMNS + " AND idempotency_key = :idempotencyKey";

  private static final String CANCEL_PENDING =
      """
      UPDATE connector_executions
         SET status = :to, steps_executed = :steps::jsonb, finished_at = now(),
             updated_at = now()
       WHERE id = :id AND workspace_id = :workspaceId AND status = :from
      """;

  private static final String REQUEST_CANCEL =
      """
      UPDATE connector_executions
         SET cancel_requested_at = coalesce(cancel_requested_at, now()), updated_at = now()
       WHERE id = :id AND workspace_id = :workspaceId AND status = :running
      """;

  private final JdbcClient jdbc;

  ExecutionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts a pending execution.
   *
   * @return the execution as inserted, or empty when one with the same idempotency key exists
   */
  Optional<ExecutionResponse> insertPending(NewExecution execution) {
    return jdbc.sql(INSERT_PENDING)
        .param("id", execution.id())
        .param("workspaceId", execution.workspaceId())
        .param("connectorId", execution.connectorId())
        .param("version", execution.connectorVersion())
        .param("status", ExecutionStatus.PENDING.wireName())
        .param("steps", ExecutionJson.writeSteps(execution.steps()))
        .param("input", execution.input().toString())
        .param("timeoutMs", execution.timeoutMs())
        .param("flowRunId", execution.flowRunId())
        .param("idempotencyKey", execution.idempotencyKey())
        .param("callbackUrl", execution.callbackUrl())
        .query((rs, row) -> execution.asPending(instant(rs, "created_at")))
        .optional();
  }

  Optional<ExecutionResponse> find(UUID workspaceId, UUID id) {
    return jdbc.sql(FIND)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .query(this::map)
        .optional();
  }

  Optional<ExecutionResponse> findByIdempotencyKey(UUID workspaceId, String idempotencyKey) {
    return jdbc.sql(FIND_BY_KEY)
        .param("workspaceId", workspaceId)
        .param("idempotencyKey", idempotencyKey)
        .query(this::map)
        .optional();
  }

  /** Up to {@code limit} executions after the cursor, newest first, optionally filtered. */
  List<ExecutionResponse> page(
      UUID workspaceId, UUID connectorId, ExecutionStatus status, KeysetCursor after, int limit) {
    StringBuilder sql = new StringBuilder(COLUMNS);
    if (connectorId != null) {
      sql.append(" AND connector_id = :connectorId");
    }
    if (status != null) {
      sql.append(" AND status = :status");
    }
    if (after != null) {
      sql.append(" AND (created_at, id) < (:cursorAt, :cursorId)");
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
    JdbcClient.StatementSpec statement =
        jdbc.sql(sql.toString()).param("workspaceId", workspaceId).param("limit", limit);
    if (connectorId != null) {
      statement = statement.param("connectorId", connectorId);
    }
    if (status != null) {
      statement = statement.param("status", status.wireName());
    }
    if (after != null) {
      statement =
          statement
              .param("cursorAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
              .param("cursorId", after.id());
    }
    return statement.query(this::map).list();
  }

  /** pending → cancelled, with the steps marked skipped; false when it is no longer pending. */
  boolean cancelPending(UUID workspaceId, UUID id, List<StepRecord> steps) {
    return jdbc.sql(CANCEL_PENDING)
            .params(ExecutionTransition.CANCEL_PENDING.sqlParams())
            .param("id", id)
            .param("workspaceId", workspaceId)
            .param("steps", ExecutionJson.writeSteps(steps))
            .update()
        == 1;
  }

  /** Asks the worker running it to stop; false when it is no longer running. */
  boolean requestCancel(UUID workspaceId, UUID id) {
    return jdbc.sql(REQUEST_CANCEL)
            .param("id", id)
            .param("workspaceId", workspaceId)
            .param("running", ExecutionStatus.RUNNING.wireName())
            .update()
        == 1;
  }

  private ExecutionResponse map(ResultSet rs, int row) throws SQLException {
    return new ExecutionResponse(ExecutionViewRows.read(rs));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** A pending execution about to be written. */
  record NewExecution(
      UUID id,
      UUID workspaceId,
      UUID connectorId,
      int connectorVersion,
      List<StepRecord> steps,
      JsonNode input,
      int timeoutMs,
      String flowRunId,
      String idempotencyKey,
      String callbackUrl) {

    /** What the API shows of it right after the insert, without reading it back. */
    ExecutionResponse asPending(Instant createdAt) {
      return new ExecutionResponse(
          new ExecutionView(
              id,
              connectorId,
              connectorVersion,
              ExecutionStatus.PENDING,
              null,
              steps,
              input,
              null,
              null,
              null,
              0,
              flowRunId,
              createdAt,
              null,
              null,
              null));
    }
  }
}
