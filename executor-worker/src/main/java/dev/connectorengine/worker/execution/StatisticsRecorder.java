package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.worker.batch.JdbcArrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts terminal runs in their connectors' statistics slots. The slot comes from the execution id,
 * so concurrent runs of one busy connector spread over several rows instead of queueing on one row
 * lock; readers sum the slots. A batch of runs is summed per slot first and written with one
 * statement, rows in a fixed order so two workers' batches cannot deadlock on each other. Each
 * writer of terminal moves (the finisher, the sweep) has its own, on the connections of its
 * transactions.
 */
class StatisticsRecorder {

  /** Slots per connector; the API sums this many rows. */
  static final int SLOTS = 16;

  private static final String UPSERT =
      """
      INSERT INTO connector_execution_stats AS s
        (connector_id, slot, workspace_id, total_executions, successful_executions,
         failed_executions, last_executed_at)
      SELECT v.connector_id, v.slot, v.workspace_id, v.total, v.successful, v.failed, now()
      FROM unnest(CAST(:connectorIds AS uuid[]), CAST(:slots AS int[]),
                  CAST(:workspaceIds AS uuid[]), CAST(:totals AS int[]),
                  CAST(:successful AS int[]), CAST(:failed AS int[]))
           AS v(connector_id, slot, workspace_id, total, successful, failed)
      ORDER BY v.connector_id, v.slot
      ON CONFLICT (connector_id, slot) DO UPDATE
      SET total_executions = s.total_executions + EXCLUDED.total_executions,
          successful_executions = s.successful_executions + EXCLUDED.successful_executions,
          failed_executions = s.failed_executions + EXCLUDED.failed_executions,
          last_executed_at = GREATEST(s.last_executed_at, EXCLUDED.last_executed_at)
      """;

  private final JdbcClient jdbc;

  StatisticsRecorder(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds terminal runs; call only in the transaction whose terminal writes changed their rows. */
  void record(List<FinishedExecution> finished) {
    if (finished.isEmpty()) {
      return;
    }
    Map<SlotKey, Counts> sums = new TreeMap<>();
    for (FinishedExecution run : finished) {
      SlotKey key = new SlotKey(run.connectorId(), Math.floorMod(run.id().hashCode(), SLOTS));
      sums.computeIfAbsent(key, k -> new Counts(run.workspaceId())).add(run.status());
    }
    int n = sums.size();
    UUID[] connectorIds = new UUID[n];
    Integer[] slots = new Integer[n];
    UUID[] workspaceIds = new UUID[n];
    Integer[] totals = new Integer[n];
    Integer[] successful = new Integer[n];
    Integer[] failed = new Integer[n];
    int i = 0;
    for (Map.Entry<SlotKey, Counts> sum : sums.entrySet()) {
      connectorIds[i] = sum.getKey().connectorId();
      slots[i] = sum.getKey().slot();
      workspaceIds[i] = sum.getValue().workspaceId;
      totals[i] = sum.getValue().total;
      successful[i] = sum.getValue().successful;
      failed[i] = sum.getValue().failed;
      i++;
    }
    jdbc.sql(UPSERT)
        .param("connectorIds", JdbcArrays.of("uuid", connectorIds))
        .param("slots", JdbcArrays.of("int4", slots))
        .param("workspaceIds", JdbcArrays.of("uuid", workspaceIds))
        .param("totals", JdbcArrays.of("int4", totals))
        .param("successful", JdbcArrays.of("int4", successful))
        .param("failed", JdbcArrays.of("int4", failed))
        .update();
  }

  private record SlotKey(UUID connectorId, int slot) implements Comparable<SlotKey> {
    @Override
    public int compareTo(SlotKey other) {
      int byConnector = connectorId.compareTo(other.connectorId);
      return byConnector != 0 ? byConnector : Integer.compare(slot, other.slot);
    }
  }

  /** One slot's share of a batch; cancelled runs count in the total only. */
  private static final class Counts {
    private final UUID workspaceId;
    private int total;
    private int successful;
    private int failed;

    Counts(UUID workspaceId) {
      this.workspaceId = workspaceId;
    }

    void add(ExecutionStatus status) {
      total++;
      if (status == ExecutionStatus.SUCCESS) {
        successful++;
      } else if (status == ExecutionStatus.FAILED || status == ExecutionStatus.TIMEOUT) {
        failed++;
      }
    }
  }
}
