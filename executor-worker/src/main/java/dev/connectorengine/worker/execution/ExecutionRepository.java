package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.ExecutionTransition;
import dev.connectorengine.worker.batch.JdbcArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worker's writes to {@code connector_executions}. Every write after the claim is fenced on
 * {@code (id, attempt)} and {@code status = 'running'}: a worker that lost its lease changes
 * nothing.
 */
@Repository
class ExecutionRepository {

  // SKIP LOCKED: a row locked by another claimer is being claimed by it; ORDER BY id keeps two
  // overlapping batch claims from deadlocking. A run claimed again (attempt > 1) brings its step
  // records, to resume after its finished steps; so does a replay (retry_of set) on its first
  // claim, whose records start with the steps it reuses. Other first claims read none.
  private static final String CLAIM =
      """
      WITH candidates AS (
        SELECT id FROM connector_executions
        WHERE id = ANY(CAST(:ids AS uuid[])) AND status = :from
        ORDER BY id
        FOR UPDATE SKIP LOCKED)
      UPDATE connector_executions e
      SET status = :to,
          attempt = e.attempt + 1,
          lease_owner = :owner,
          lease_expires_at = now() + :leaseMs * interval '1 millisecond',
          started_at = coalesce(e.started_at, now()),
          deadline_at = coalesce(e.deadline_at, now() + e.timeout_ms * interval '1 millisecond'),
          updated_at = now()
      FROM candidates c
      WHERE e.id = c.id
      RETURNING e.id, e.workspace_id, e.connector_id, e.connector_version, e.attempt,
                e.input_data::text AS input_data, e.started_at, e.deadline_at,
                CASE WHEN e.attempt > 1 OR e.retry_of IS NOT NULL THEN e.steps_executed::text END
                  AS resumed_steps
      """;

  private static final String EXISTING =
      """
      SELECT id FROM connector_executions WHERE id = ANY(CAST(:ids AS uuid[]))
      """;

  // It changes no indexed column (not even updated_at, which marks status changes), so PostgreSQL
  // can update the row in place (HOT) without touching the table's indexes; V5 leaves room on
  // each page for that.
  private static final String PROGRESS =
      ExecutionSql.fencedUpdate(
          """
          SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:attempts AS int[]),
                               CAST(:currentSteps AS text[]), CAST(:steps AS text[]))
                   AS v(id, attempt, current_step, steps)""",
          "current_step = held.current_step, steps_executed = CAST(held.steps AS jsonb)",
          "e.id, e.attempt");

  private static final String FINISH =
      ExecutionSql.fencedUpdate(
          """
          SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:attempts AS int[]),
                               CAST(:statuses AS text[]), CAST(:steps AS text[]),
                               CAST(:outputs AS text[]), CAST(:errors AS text[]))
                   AS v(id, attempt, status, steps, output, error)""",
          """
          status = held.status,
          steps_executed = coalesce(CAST(held.steps AS jsonb), e.steps_executed),
          output_data = CAST(held.output AS jsonb),
          error_message = held.error,
          """
              + ExecutionSql.END_SET,
          "e.id, e.connector_id, e.workspace_id, e.current_step, e.status");

  private final JdbcClient jdbc;

  ExecutionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Moves the pending rows among {@code ids} to running for {@code owner}; returns those. */
  List<ClaimedExecution> claim(Collection<UUID> ids, String owner, Duration lease) {
    return jdbc.sql(CLAIM)
        .params(ExecutionTransition.CLAIM.sqlParams())
        .param("ids", JdbcArrays.of("uuid", ids.toArray()))
        .param("owner", owner)
        .param("leaseMs", lease.toMillis())
        .query(ExecutionRepository::claimed)
        .list();
  }

  /** The ids among {@code ids} that have a row, whatever its status. */
  Set<UUID> existing(Collection<UUID> ids) {
    return new HashSet<>(
        jdbc.sql(EXISTING)
            .param("ids", JdbcArrays.of("uuid", ids.toArray()))
            .query(UUID.class)
            .list());
  }

  /**
   * Writes the progress of many runs in one statement.
   *
   * @return execution id to attempt, for each write whose fence held; a write whose run is no
   *     longer running on that attempt changes nothing
   */
  Map<UUID, Integer> recordProgress(List<ProgressWrite> writes) {
    int n = writes.size();
    UUID[] ids = new UUID[n];
    Integer[] attempts = new Integer[n];
    String[] currentSteps = new String[n];
    String[] steps = new String[n];
    for (int i = 0; i < n; i++) {
      ProgressWrite write = writes.get(i);
      ids[i] = write.id();
      attempts[i] = write.attempt();
      currentSteps[i] = write.currentStep();
      steps[i] = ExecutionJson.writeSteps(write.steps());
    }
    Map<UUID, Integer> held = new HashMap<>();
    jdbc.sql(PROGRESS)
        .param("ids", JdbcArrays.of("uuid", ids))
        .param("attempts", JdbcArrays.of("int4", attempts))
        .param("currentSteps", JdbcArrays.of("text", currentSteps))
        .param("steps", JdbcArrays.of("text", steps))
        .param("from", ExecutionStatus.RUNNING.wireName())
        .query(
            rs -> {
              held.put(rs.getObject("id", UUID.class), rs.getInt("attempt"));
            });
    return held;
  }

  /**
   * The fenced terminal writes of many runs, in one statement. Runs inside the caller's
   * transaction.
   *
   * @return the executions whose write made the transition; a write whose fence did not hold
   *     (already terminal, or another attempt owns the row) changes nothing and is not returned
   */
  List<FinishedExecution> finish(List<TerminalWrite> writes) {
    int n = writes.size();
    UUID[] ids = new UUID[n];
    Integer[] attempts = new Integer[n];
    String[] statuses = new String[n];
    String[] steps = new String[n];
    String[] outputs = new String[n];
    String[] errors = new String[n];
    for (int i = 0; i < n; i++) {
      TerminalWrite write = writes.get(i);
      RunOutcome outcome = write.outcome();
      ids[i] = write.id();
      attempts[i] = write.attempt();
      statuses[i] = ExecutionTransition.finish(outcome.status()).to().wireName();
      // No records (the connector version could not be read): keep the pending ones.
      steps[i] = outcome.steps().isEmpty() ? null : ExecutionJson.writeSteps(outcome.steps());
      outputs[i] = ExecutionJson.write(outcome.output());
      errors[i] = outcome.errorMessage();
    }
    return jdbc.sql(FINISH)
        .param("ids", JdbcArrays.of("uuid", ids))
        .param("attempts", JdbcArrays.of("int4", attempts))
        .param("statuses", JdbcArrays.of("text", statuses))
        .param("steps", JdbcArrays.of("text", steps))
        .param("outputs", JdbcArrays.of("text", outputs))
        .param("errors", JdbcArrays.of("text", errors))
        .param("from", ExecutionStatus.RUNNING.wireName())
        .query(
            (rs, row) ->
                new FinishedExecution(
                    rs.getObject("id", UUID.class),
                    rs.getObject("connector_id", UUID.class),
                    rs.getObject("workspace_id", UUID.class),
                    ExecutionStatus.fromWireName(rs.getString("status")),
                    rs.getString("current_step")))
        .list();
  }

  private static ClaimedExecution claimed(ResultSet rs, int row) throws SQLException {
    String resumed = rs.getString("resumed_steps");
    return new ClaimedExecution(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getObject("connector_id", UUID.class),
        rs.getInt("connector_version"),
        rs.getInt("attempt"),
        ExecutionJson.read(rs.getString("input_data")),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("deadline_at")),
        resumed == null ? List.of() : ExecutionJson.readSteps(resumed));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
