package dev.connectorengine.api.execution;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

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

/** Executions of one workspace: the pending row a trigger writes, reads by id or key, cancels. */
@Repository
class ExecutionRepository {

  // A concurrent trigger with the same key waits on the unique index, then inserts nothing.
  private static final String INSERT_PENDING =
      """
      INSERT INTO connector_executions (id, workspace_id, connector_id, connector_version, status,
                                        steps_executed, input_data, timeout_ms, flow_run_id,
                                        idempotency_key, callback_url, retry_of, request_hash)
      VALUES (:id, :workspaceId, :connectorId, :version, :status, :steps::jsonb, :input::jsonb,
              :timeoutMs, :flowRunId, :idempotencyKey, :callbackUrl, :retryOf, :requestHash)
      ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
      RETURNING created_at
      """;

  private static final String SELECTED = ExecutionViewRows.COLUMNS;

  /** The executions of one workspace, as {@link #read} maps them; add conditions with AND. */
  static final String SELECT_IN_WORKSPACE =
      "SELECT " + SELECTED + " FROM connector_executions WHERE workspace_id = :workspaceId";

  private static final String FIND = SELECT_IN_WORKSPACE + " AND id = :id";

  private static final String FIND_BY_KEY =
      "SELECT "
          + SELECTED
          + ", request_hash FROM connector_executions"
          + " WHERE workspace_id = :workspaceId AND idempotency_key = :idempotencyKey";

  // An expired key is taken from its holder in the transaction that inserts the new holder: a
  // second reuse racing this one waits on the old row's lock, then finds the key gone and meets
  // the new row on the unique index.
  private static final String RELEASE_EXPIRED_KEY =
      """
      UPDATE connector_executions SET idempotency_key = NULL, request_hash = NULL
       WHERE workspace_id = :workspaceId AND idempotency_key = :idempotencyKey
         AND created_at < :expiredBefore
      """;

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
        .param("retryOf", execution.retryOf())
        .param("requestHash", execution.requestHash())
        .query((rs, row) -> execution.asPending(instant(rs, "created_at")))
        .optional();
  }

  Optional<ExecutionResponse> find(UUID workspaceId, UUID id) {
    return jdbc.sql(FIND)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .query(ExecutionRepository::read)
        .optional();
  }

  /** The execution holding this idempotency key, expired or not. */
  Optional<KeyHolder> findByIdempotencyKey(UUID workspaceId, String idempotencyKey) {
    return jdbc.sql(FIND_BY_KEY)
        .param("workspaceId", workspaceId)
        .param("idempotencyKey", idempotencyKey)
        .query((rs, row) -> new KeyHolder(read(rs, row), rs.getBytes("request_hash")))
        .optional();
  }

  /** Takes the key from its holder if that was created before {@code expiredBefore}. */
  void releaseExpiredKey(UUID workspaceId, String idempotencyKey, Instant expiredBefore) {
    jdbc.sql(RELEASE_EXPIRED_KEY)
        .param("workspaceId", workspaceId)
        .param("idempotencyKey", idempotencyKey)
        .param("expiredBefore", OffsetDateTime.ofInstant(expiredBefore, ZoneOffset.UTC))
        .update();
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

  /** Maps a row selected with {@link #SELECT_IN_WORKSPACE}. */
  static ExecutionResponse read(ResultSet rs, int row) throws SQLException {
    return new ExecutionResponse(ExecutionViewRows.read(rs));
  }

  /**
   * The execution an idempotency key names.
   *
   * @param requestHash the hash of the request that made it; null for rows older than hashes
   */
  record KeyHolder(ExecutionResponse execution, byte[] requestHash) {

    /** Whether the key was given out before {@code expiredBefore}, and may be used again. */
    boolean expired(Instant expiredBefore) {
      return execution.createdAt().isBefore(expiredBefore);
    }
  }

  /**
   * A pending execution about to be written.
   *
   * @param retryOf the execution it replays, or null
   * @param requestHash the canonical request's hash, kept with its idempotency key; or null
   */
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
      String callbackUrl,
      UUID retryOf,
      byte[] requestHash) {

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
              null,
              retryOf));
    }
  }
}
