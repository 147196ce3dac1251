package dev.connectorengine.api.execution;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** The statements of a batch trigger: a few for the whole batch, never one per item. */
@Repository
class ExecutionBatchRepository {

  private static final String FIND_BY_KEYS =
      """
      SELECT id, connector_id, status, idempotency_key
        FROM connector_executions
       WHERE workspace_id = :workspaceId AND idempotency_key = ANY(CAST(:keys AS text[]))
      """;

  // Rows go in key order, so two batches sharing keys wait on each other's unique-index entries in
  // one order and never deadlock; a key another transaction holds waits for it, then inserts
  // nothing.
  private static final String INSERT_PENDING =
      """
      INSERT INTO connector_executions (id, workspace_id, connector_id, connector_version, status,
                                        steps_executed, input_data, timeout_ms, flow_run_id,
                                        idempotency_key)
      SELECT v.id, CAST(:workspaceId AS uuid), CAST(:connectorId AS uuid), CAST(:version AS int),
             CAST(:status AS text), CAST(:steps AS jsonb), CAST(v.input AS jsonb),
             CAST(:timeoutMs AS int), v.flow_run_id, v.idempotency_key
        FROM unnest(CAST(:ids AS uuid[]), CAST(:inputs AS text[]), CAST(:flowRunIds AS text[]),
                    CAST(:keys AS text[])) AS v(id, input, flow_run_id, idempotency_key)
       ORDER BY v.idempotency_key
      ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
      RETURNING id
      """;

  private final JdbcClient jdbc;

  ExecutionBatchRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The workspace's executions made with these idempotency keys, by key. */
  Map<String, KeyedExecution> findByKeys(UUID workspaceId, Collection<String> keys) {
    Map<String, KeyedExecution> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    jdbc.sql(FIND_BY_KEYS)
        .param("workspaceId", workspaceId)
        .param("keys", JdbcArrays.of("text", keys.toArray()))
        .query(
            rs -> {
              found.put(
                  rs.getString("idempotency_key"),
                  new KeyedExecution(
                      rs.getObject("id", UUID.class),
                      rs.getObject("connector_id", UUID.class),
                      ExecutionStatus.fromWireName(rs.getString("status"))));
            });
    return found;
  }

  /**
   * Inserts the batch's pending executions in one statement.
   *
   * @return the ids inserted: a row missing here has a key that another execution holds
   */
  Set<UUID> insertPending(PendingBatch batch) {
    List<PendingRow> rows = batch.rows();
    return new HashSet<>(
        jdbc.sql(INSERT_PENDING)
            .param("workspaceId", batch.workspaceId())
            .param("connectorId", batch.connectorId())
            .param("version", batch.connectorVersion())
            .param("status", ExecutionStatus.PENDING.wireName())
            .param("steps", ExecutionJson.writeSteps(batch.steps()))
            .param("timeoutMs", batch.timeoutMs())
            .param("ids", JdbcArrays.of("uuid", rows.stream().map(PendingRow::id).toArray()))
            .param(
                "inputs",
                JdbcArrays.of("text", rows.stream().map(r -> r.input().toString()).toArray()))
            .param(
                "flowRunIds",
                JdbcArrays.of("text", rows.stream().map(PendingRow::flowRunId).toArray()))
            .param(
                "keys",
                JdbcArrays.of("text", rows.stream().map(PendingRow::idempotencyKey).toArray()))
            .query((rs, row) -> rs.getObject("id", UUID.class))
            .list());
  }

  /** An execution an idempotency key names. */
  record KeyedExecution(UUID id, UUID connectorId, ExecutionStatus status) {}

  /**
   * Pending executions of one connector version, written together.
   *
   * @param steps the pending step records, the same for every row
   */
  record PendingBatch(
      UUID workspaceId,
      UUID connectorId,
      int connectorVersion,
      List<StepRecord> steps,
      int timeoutMs,
      List<PendingRow> rows) {}

  /** What differs from one pending execution of a batch to the next. */
  record PendingRow(UUID id, JsonNode input, String flowRunId, String idempotencyKey) {}
}
