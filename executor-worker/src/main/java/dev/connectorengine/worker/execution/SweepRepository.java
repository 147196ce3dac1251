package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sweeper's statements. Each takes a bounded batch with {@code FOR UPDATE SKIP LOCKED} (never
 * waiting on a row a live worker is writing) and re-checks the status it moves from, so a sweep
 * racing a worker changes only rows the worker no longer holds.
 */
@Repository
class SweepRepository {

  /** Arbitrary, fixed: the advisory lock only one sweep at a time holds across all workers. */
  static final long LOCK_KEY = 0x436f6e6e53776570L;

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(:key)";

  private static final String END_RUNS =
      """
      WITH due AS (
        SELECT id FROM connector_executions
        WHERE status = :running AND %s
        ORDER BY %s
        LIMIT :batch
        FOR UPDATE SKIP LOCKED)
      UPDATE connector_executions e
      SET status = :to,
          steps_executed = %s,
          error_message = %s,
          execution_time_ms = GREATEST(0, (extract(epoch FROM now() - e.started_at) * 1000)::bigint),
          finished_at = now(),
          lease_owner = NULL,
          lease_expires_at = NULL,
          updated_at = now()
      FROM due
      WHERE e.id = due.id AND e.status = :running
      RETURNING e.id, e.connector_id, e.workspace_id, e.current_step
      """;

  private static final String OVERDUE =
      END_RUNS.formatted(
          "deadline_at < now() - :graceMs * interval '1 millisecond'",
          "deadline_at",
          StepRecordsSql.END,
          """
          'run timed out after ' || e.timeout_ms || ' ms'
            || coalesce(' in step ''' || e.current_step || '''', '')
            || '; its worker did not end it'""");

  private static final String LOST_AND_CANCELLED =
      END_RUNS.formatted(
          "lease_expires_at < now() AND cancel_requested_at IS NOT NULL",
          "lease_expires_at",
          StepRecordsSql.END,
          "'cancelled by request; its worker was lost'");

  private static final String LOST_FOR_GOOD =
      END_RUNS.formatted(
          "lease_expires_at < now() AND cancel_requested_at IS NULL AND attempt >= :maxAttempts",
          "lease_expires_at",
          StepRecordsSql.END,
          "'worker lost: the lease of attempt ' || e.attempt || ' expired, no attempts left'");

  private static final String REQUEUE =
      """
      WITH due AS (
        SELECT id FROM connector_executions
        WHERE status = :running AND lease_expires_at < now() AND cancel_requested_at IS NULL
          AND attempt < :maxAttempts
        ORDER BY lease_expires_at
        LIMIT :batch
        FOR UPDATE SKIP LOCKED)
      UPDATE connector_executions e
      SET status = :pending,
          lease_owner = NULL,
          lease_expires_at = NULL,
          current_step = NULL,
          steps_executed = %s,
          updated_at = now()
      FROM due
      WHERE e.id = due.id AND e.status = :running
      RETURNING e.id, e.workspace_id, e.connector_id, e.attempt
      """
          .formatted(StepRecordsSql.RESET);

  // Bumping updated_at keeps a run from being republished by every sweep while it waits.
  private static final String STALE_PENDING =
      """
      WITH due AS (
        SELECT id FROM connector_executions
        WHERE status = :pending AND updated_at < now() - :afterMs * interval '1 millisecond'
        ORDER BY updated_at
        LIMIT :batch
        FOR UPDATE SKIP LOCKED)
      UPDATE connector_executions e
      SET updated_at = now()
      FROM due
      WHERE e.id = due.id AND e.status = :pending
      RETURNING e.id, e.workspace_id, e.connector_id, e.attempt
      """;

  private final JdbcClient jdbc;

  SweepRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Takes the sweep lock until the end of the current transaction; false when another has it. */
  boolean tryLock() {
    return Boolean.TRUE.equals(
        jdbc.sql(TRY_LOCK).param("key", LOCK_KEY).query(Boolean.class).single());
  }

  List<FinishedExecution> endOverdue(int batch, Duration grace) {
    return end(
        jdbc.sql(OVERDUE).param("graceMs", grace.toMillis()),
        ExecutionStatus.TIMEOUT,
        "the run's deadline passed",
        "not run: the run's deadline passed",
        batch);
  }

  List<FinishedExecution> cancelLost(int batch) {
    return end(
        jdbc.sql(LOST_AND_CANCELLED),
        ExecutionStatus.CANCELLED,
        "cancelled",
        "not run: the run was cancelled",
        batch);
  }

  List<FinishedExecution> failLost(int batch, int maxAttempts) {
    return end(
        jdbc.sql(LOST_FOR_GOOD).param("maxAttempts", maxAttempts),
        ExecutionStatus.FAILED,
        "worker lost",
        "not run: worker lost",
        batch);
  }

  List<Requeued> requeueLost(int batch, int maxAttempts) {
    return jdbc.sql(REQUEUE)
        .param("running", ExecutionStatus.RUNNING.wireName())
        .param("pending", ExecutionStatus.RUNNING.transitionTo(ExecutionStatus.PENDING).wireName())
        .param("maxAttempts", maxAttempts)
        .param("batch", batch)
        .query(SweepRepository::requeued)
        .list();
  }

  List<Requeued> touchStalePending(int batch, Duration after) {
    return jdbc.sql(STALE_PENDING)
        .param("pending", ExecutionStatus.PENDING.wireName())
        .param("afterMs", after.toMillis())
        .param("batch", batch)
        .query(SweepRepository::requeued)
        .list();
  }

  private static List<FinishedExecution> end(
      JdbcClient.StatementSpec statement,
      ExecutionStatus to,
      String stepError,
      String skipReason,
      int batch) {
    ExecutionStatus terminal = ExecutionStatus.RUNNING.transitionTo(to);
    return statement
        .param("running", ExecutionStatus.RUNNING.wireName())
        .param("to", terminal.wireName())
        .param("stepError", stepError)
        .param("skipReason", skipReason)
        .param("batch", batch)
        .query(
            (rs, row) ->
                new FinishedExecution(
                    rs.getObject("id", UUID.class),
                    rs.getObject("connector_id", UUID.class),
                    rs.getObject("workspace_id", UUID.class),
                    terminal,
                    rs.getString("current_step")))
        .list();
  }

  private static Requeued requeued(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Requeued(
        new RequeuedExecution(
            rs.getObject("id", UUID.class),
            rs.getObject("workspace_id", UUID.class),
            rs.getInt("attempt")),
        rs.getObject("connector_id", UUID.class));
  }

  record Requeued(RequeuedExecution execution, UUID connectorId) {}
}
