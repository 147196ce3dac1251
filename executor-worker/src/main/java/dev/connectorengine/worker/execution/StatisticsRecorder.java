package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts a terminal run in one of its connector's statistics slots. The slot comes from the
 * execution id, so concurrent runs of one busy connector spread over several rows instead of
 * queueing on one row lock; readers sum the slots.
 */
@Component
class StatisticsRecorder {

  /** Slots per connector; the API sums this many rows. */
  static final int SLOTS = 16;

  private static final String UPSERT =
      """
      INSERT INTO connector_execution_stats AS s
        (connector_id, slot, workspace_id, total_executions, successful_executions,
         failed_executions, last_executed_at)
      VALUES (:connectorId, :slot, :workspaceId, 1, :successful, :failed, now())
      ON CONFLICT (connector_id, slot) DO UPDATE
      SET total_executions = s.total_executions + 1,
          successful_executions = s.successful_executions + EXCLUDED.successful_executions,
          failed_executions = s.failed_executions + EXCLUDED.failed_executions,
          last_executed_at = GREATEST(s.last_executed_at, EXCLUDED.last_executed_at)
      """;

  private final JdbcClient jdbc;

  StatisticsRecorder(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds one terminal run; call only in the transaction whose terminal write changed one row. */
  void record(FinishedExecution finished) {
    ExecutionStatus status = finished.status();
    jdbc.sql(UPSERT)
        .param("connectorId", finished.connectorId())
        .param("slot", (short) Math.floorMod(finished.id().hashCode(), SLOTS))
        .param("workspaceId", finished.workspaceId())
        .param("successful", status == ExecutionStatus.SUCCESS ? 1 : 0)
        .param(
            "failed", status == ExecutionStatus.FAILED || status == ExecutionStatus.TIMEOUT ? 1 : 0)
        .update();
  }
}
