package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * The worker's writes to {@code connector_executions}. Every write after the claim is fenced on
 * {@code (id, attempt)} and {@code status = 'running'}: a worker that lost its lease changes
 * nothing.
 */
@Repository
class ExecutionRepository {

  // SKIP LOCKED: a row locked by another claimer is being claimed by it; ORDER BY id keeps two
  // overlapping batch claims from deadlocking.
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
                e.input_data::text AS input_data, e.started_at, e.deadline_at
      """;

  private static final String EXISTING =
      """
      SELECT id FROM connector_executions WHERE id = ANY(CAST(:ids AS uuid[]))
      """;

  private static final String PROGRESS =
      """
      UPDATE connector_executions
      SET current_step = :currentStep, steps_executed = CAST(:steps AS jsonb), updated_at = now()
      WHERE id = :id AND attempt = :attempt AND status = :running
      """;

  private static final String FINISH =
      """
      UPDATE connector_executions
      SET status = :status,
          steps_executed = coalesce(CAST(:steps AS jsonb), steps_executed),
          output_data = CAST(:output AS jsonb),
          error_message = :error,
          execution_time_ms = GREATEST(0, (extract(epoch FROM now() - started_at) * 1000)::bigint),
          finished_at = now(),
          lease_owner = NULL,
          lease_expires_at = NULL,
          updated_at = now()
      WHERE id = :id AND attempt = :attempt AND status = :running
      RETURNING connector_id, workspace_id, current_step
      """;

  private final JdbcClient jdbc;

  ExecutionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Moves the pending rows among {@code ids} to running for {@code owner}; returns those. */
  List<ClaimedExecution> claim(Collection<UUID> ids, String owner, Duration lease) {
    ExecutionStatus to = ExecutionStatus.PENDING.transitionTo(ExecutionStatus.RUNNING);
    return jdbc.sql(CLAIM)
        .param("ids", SqlArrays.uuids(ids))
        .param("from", ExecutionStatus.PENDING.wireName())
        .param("to", to.wireName())
        .param("owner", owner)
        .param("leaseMs", lease.toMillis())
        .query(ExecutionRepository::claimed)
        .list();
  }

  /** The ids among {@code ids} that have a row, whatever its status. */
  Set<UUID> existing(Collection<UUID> ids) {
    return new HashSet<>(
        jdbc.sql(EXISTING).param("ids", SqlArrays.uuids(ids)).query(UUID.class).list());
  }

  /** Writes the running step and the step records; false when the fence no longer holds. */
  boolean recordProgress(UUID id, int attempt, String currentStep, List<StepRecord> steps) {
    return jdbc.sql(PROGRESS)
            .param("currentStep", currentStep)
            .param("steps", ExecutionJson.writeSteps(steps))
            .param("id", id)
            .param("attempt", attempt)
            .param("running", ExecutionStatus.RUNNING.wireName())
            .update()
        == 1;
  }

  /**
   * The fenced terminal write. Runs inside the caller's transaction.
   *
   * @return the execution's connector and workspace when this call made the transition, empty when
   *     the fence did not hold (already terminal, or another attempt owns the row)
   */
  Optional<FinishedExecution> finish(
      UUID id,
      int attempt,
      ExecutionStatus status,
      JsonNode output,
      String errorMessage,
      List<StepRecord> steps) {
    ExecutionStatus terminal = ExecutionStatus.RUNNING.transitionTo(status);
    return jdbc.sql(FINISH)
        .param("status", terminal.wireName())
        // No records (the connector version could not be read): keep the pending ones.
        .param("steps", steps.isEmpty() ? null : ExecutionJson.writeSteps(steps))
        .param("output", ExecutionJson.write(output))
        .param("error", errorMessage)
        .param("id", id)
        .param("attempt", attempt)
        .param("running", ExecutionStatus.RUNNING.wireName())
        .query(
            (rs, row) ->
                new FinishedExecution(
                    id,
                    rs.getObject("connector_id", UUID.class),
                    rs.getObject("workspace_id", UUID.class),
                    terminal,
                    rs.getString("current_step")))
        .optional();
  }

  private static ClaimedExecution claimed(ResultSet rs, int row) throws SQLException {
    return new ClaimedExecution(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getObject("connector_id", UUID.class),
        rs.getInt("connector_version"),
        rs.getInt("attempt"),
        ExecutionJson.read(rs.getString("input_data")),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("deadline_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
