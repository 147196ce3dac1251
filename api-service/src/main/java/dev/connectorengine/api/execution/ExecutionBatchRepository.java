package dev.connectorengine.api.execution;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
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
      SELECT id, connector_id, status, idempotency_key, request_hash, created_at
        FROM connector_executions
       WHERE workspace_id = :workspaceId AND idempotency_key = ANY(CAST(:keys AS text[]))
      """;

  // As the single trigger does, in key order (two batches sharing expired keys lock their holders
  // in one order); a holder whose key another transaction took meanwhile is skipped.
  private static final String RELEASE_EXPIRED_KEYS =
      """
      UPDATE connector_executions e SET idempotency_key = NULL, request_hash = NULL
        FROM (SELECT id FROM connector_executions
               WHERE workspace_id = :workspaceId AND idempotency_key = ANY(CAST(:keys AS text[]))
                 AND created_at < :expiredBefore
               ORDER BY idempotency_key
               FOR UPDATE) expired
       WHERE e.id = expired.id
      """;

  // Rows go in key order, so two batches sharing keys wait on each other's unique-index entries in
  // one order and never deadlock; a key another transaction holds waits for it, then inserts
  // nothing.
  private static final String INSERT_PENDING =
      """
      INSERT INTO connector_executions (id, workspace_id, connector_id, connector_version, status,
                                        steps_executed, input_data, timeout_ms, flow_run_id,
                                        idempotency_key, request_hash)
      SELECT v.id, CAST(:workspaceId AS uuid), CAST(:connectorId AS uuid), CAST(:version AS int),
             CAST(:status AS text), CAST(:steps AS jsonb), CAST(v.input AS jsonb),
             CAST(:timeoutMs AS int), v.flow_run_id, v.idempotency_key, decode(v.hash, 'hex')
        FROM unnest(CAST(:ids AS uuid[]), CAST(:inputs AS text[]), CAST(:flowRunIds AS text[]),
                    CAST(:keys AS text[]), CAST(:hashes AS text[]))
             AS v(id, input, flow_run_id, idempotency_key, hash)
       ORDER BY v.idempotency_key
      ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
      RETURNING id
      """;

  private static final HexFormat HEX = HexFormat.of();

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
                      ExecutionStatus.fromWireName(rs.getString("status")),
                      rs.getBytes("request_hash"),
                      rs.getObject("created_at", OffsetDateTime.class).toInstant()));
            });
    return found;
  }

  /** Takes these keys from those of their holders created before {@code expiredBefore}. */
  void releaseExpiredKeys(UUID workspaceId, Collection<String> keys, Instant expiredBefore) {
    jdbc.sql(RELEASE_EXPIRED_KEYS)
        .param("workspaceId", workspaceId)
        .param("keys", JdbcArrays.of("text", keys.toArray()))
        .param("expiredBefore", OffsetDateTime.ofInstant(expiredBefore, ZoneOffset.UTC))
        .update();
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
            .param(
                "hashes",
                JdbcArrays.of(
                    "text",
                    rows.stream()
                        .map(r -> r.requestHash() == null ? null : HEX.formatHex(r.requestHash()))
                        .toArray()))
            .query((rs, row) -> rs.getObject("id", UUID.class))
            .list());
  }

  /**
   * An execution an idempotency key names.
   *
   * @param requestHash the hash of the request that made it; null for rows older than hashes
   */
  record KeyedExecution(
      UUID id, UUID connectorId, ExecutionStatus status, byte[] requestHash, Instant createdAt) {

    /** Whether its key was given out before {@code expiredBefore}, and may be used again. */
    boolean expired(Instant expiredBefore) {
      return createdAt.isBefore(expiredBefore);
    }
  }

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

  /**
   * What differs from one pending execution of a batch to the next.
   *
   * @param requestHash the hash kept with its idempotency key, or null without a key
   */
  record PendingRow(
      UUID id, JsonNode input, String flowRunId, String idempotencyKey, byte[] requestHash) {}
}
