package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.ExecutionTransition;
import dev.connectorengine.worker.database.ControlDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sweeper's statements, on the control pool. Each takes a bounded batch with {@code FOR UPDATE
 * SKIP LOCKED} (never waiting on a row a live worker is writing) and re-checks the status it moves
 * from, so a sweep racing a worker changes only rows the worker no longer holds.
 */
@Repository
class SweepRepository {

  /** Arbitrary, fixed: the advisory lock only one sweep at a time holds across all workers. */
  static final long LOCK_KEY = 0x436f6e6e53776570L;

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(:key)";

  /** What every repair here moves from (running), for the partial indexes on running rows. */
  private static final String RUNNING = ExecutionSql.literal(ExecutionTransition.REQUEUE.from());

  /**
   * The running rows whose worker is gone: its lease expired, or its owner's liveness row did (the
   * worker died, or missed its renewals and stopped its runs). A live worker renews both in time.
   * Two index lookups, each reading only such rows.
   */
  private static final String LOST =
      """
      id IN (SELECT id FROM connector_executions
             WHERE status = %1$s AND lease_expires_at < now()
             UNION
             SELECT id FROM connector_executions
             WHERE status = %1$s
               AND lease_owner IN (SELECT owner FROM worker_liveness WHERE expires_at < now()))"""
          .formatted(RUNNING);

  /** Claims lost with a dead worker; give-backs are counted apart and do not use these up. */
  private static final String LOST_CLAIMS = "(attempt - give_backs)";

  private static final String END_RUNS =
      """
      WITH due AS (
        SELECT id FROM connector_executions
        WHERE status = %s AND %s
        ORDER BY %s
        LIMIT :batch
        FOR UPDATE SKIP LOCKED)
      UPDATE connector_executions e
      SET status = :to,
          steps_executed = %s,
          error_message = %s,
      %s
      FROM due
      WHERE e.id = due.id AND e.status = :from
      RETURNING e.id, e.connector_id, e.workspace_id, e.current_step
      """;

  private static final String OVERDUE =
      END_RUNS.formatted(
          RUNNING,
          "deadline_at < now() - :graceMs * interval '1 millisecond'",
          "deadline_at",
          ExecutionSql.ENDED_STEPS,
          """
          'run timed out after ' || e.timeout_ms || ' ms'
            || coalesce(' in step ''' || e.current_step || '''', '')
            || '; its worker did not end it'""",
          ExecutionSql.END_SET);

  private static final String LOST_AND_CANCELLED =
      END_RUNS.formatted(
          RUNNING,
          LOST + " AND cancel_requested_at IS NOT NULL",
          "lease_expires_at",
          ExecutionSql.ENDED_STEPS,
          "'cancelled by request; its worker was lost'",
          ExecutionSql.END_SET);

  private static final String LOST_FOR_GOOD =
      END_RUNS.formatted(
          RUNNING,
          LOST + " AND cancel_requested_at IS NULL AND " + LOST_CLAIMS + " >= :maxAttempts",
          "lease_expires_at",
          ExecutionSql.ENDED_STEPS,
          "'worker lost on attempt ' || e.attempt || ': its worker was lost '"
              + " || (e.attempt - e.give_backs) || ' times, no attempts left'",
          ExecutionSql.END_SET);

  private static final String REQUEUE =
      """
      WITH due AS (
        SELECT id FROM connector_executions
        WHERE status = %s AND %s AND cancel_requested_at IS NULL AND %s < :maxAttempts
        ORDER BY lease_expires_at
        LIMIT :batch
        FOR UPDATE SKIP LOCKED)
      UPDATE connector_executions e
      SET %s
      FROM due
      WHERE e.id = due.id AND e.status = :from
      RETURNING e.id, e.workspace_id, e.connector_id, e.attempt
      """
          .formatted(RUNNING, LOST, LOST_CLAIMS, ExecutionSql.REQUEUE_SET);

  // Bumping updated_at keeps a run from being republished by every sweep while it waits.
  private static final String STALE_PENDING =
      """
      WITH due AS (
        SELECT id FROM connector_executions
        WHERE status = %s AND updated_at < now() - :afterMs * interval '1 millisecond'
        ORDER BY updated_at
        LIMIT :batch
        FOR UPDATE SKIP LOCKED)
      UPDATE connector_executions e
      SET updated_at = now()
      FROM due
      WHERE e.id = due.id AND e.status = :pending
      RETURNING e.id, e.workspace_id, e.connector_id, e.attempt
      """
          .formatted(ExecutionSql.literal(ExecutionStatus.PENDING));

  // Rows of incarnations long dead that no running row names any more.
  private static final String FORGET_DEAD_WORKERS =
      """
      DELETE FROM worker_liveness w
      WHERE w.expires_at < now() - :afterMs * interval '1 millisecond'
        AND NOT EXISTS (SELECT 1 FROM connector_executions e
                        WHERE e.status = %s AND e.lease_owner = w.owner)
      """
          .formatted(RUNNING);

  private final JdbcClient jdbc;

  SweepRepository(ControlDatabase database) {
    this.jdbc = database.jdbc();
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

  List<RequeuedExecution> requeueLost(int batch, int maxAttempts) {
    return jdbc.sql(REQUEUE)
        .params(ExecutionTransition.REQUEUE.sqlParams())
        .param("maxAttempts", maxAttempts)
        .param("batch", batch)
        .query(SweepRepository::requeued)
        .list();
  }

  List<RequeuedExecution> touchStalePending(int batch, Duration after) {
    return jdbc.sql(STALE_PENDING)
        .param("pending", ExecutionStatus.PENDING.wireName())
        .param("afterMs", after.toMillis())
        .param("batch", batch)
        .query(SweepRepository::requeued)
        .list();
  }

  /** Deletes liveness rows expired for longer than {@code after} that no running row names. */
  int forgetDeadWorkers(Duration after) {
    return jdbc.sql(FORGET_DEAD_WORKERS).param("afterMs", after.toMillis()).update();
  }

  private static List<FinishedExecution> end(
      JdbcClient.StatementSpec statement,
      ExecutionStatus to,
      String stepError,
      String skipReason,
      int batch) {
    ExecutionTransition transition = ExecutionTransition.finish(to);
    return statement
        .params(transition.sqlParams())
        .param("stepError", stepError)
        .param("skipReason", skipReason)
        .param("batch", batch)
        .query(
            (rs, row) ->
                new FinishedExecution(
                    rs.getObject("id", UUID.class),
                    rs.getObject("connector_id", UUID.class),
                    rs.getObject("workspace_id", UUID.class),
                    transition.to(),
                    rs.getString("current_step")))
        .list();
  }

  private static RequeuedExecution requeued(java.sql.ResultSet rs, int row)
      throws java.sql.SQLException {
    return new RequeuedExecution(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getObject("connector_id", UUID.class),
        rs.getInt("attempt"));
  }
}
