package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.worker.batch.BatchSettings;
import dev.connectorengine.worker.batch.StatementBatcher;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Makes a run's progress visible: the step about to run and every step's record so far, fenced on
 * the claim. One write per step start also records the end of the step before it; the writes of
 * runs that progress at about the same time share one statement and commit (a {@link
 * StatementBatcher}).
 */
@Component
public class ExecutionProgress implements AutoCloseable {

  private final StatementBatcher<ProgressWrite, Boolean> writes;

  ExecutionProgress(ExecutionRepository executions, BatchSettings settings, WorkerMetrics metrics) {
    this.writes =
        new StatementBatcher<>(
            "progress-writer",
            settings.size(),
            settings.threads(),
            batch -> {
              metrics.writeBatch("progress", batch.size());
              Map<UUID, Integer> held = executions.recordProgress(batch);
              List<Boolean> results = new ArrayList<>(batch.size());
              batch.forEach(
                  w -> results.add(Integer.valueOf(w.attempt()).equals(held.get(w.id()))));
              return results;
            });
  }

  /**
   * Records that {@code currentStep} starts, with all step records.
   *
   * @return false when the lease was lost: the caller must stop and write nothing more
   * @throws dev.connectorengine.worker.batch.ItemRefusedException when the database refused these
   *     records for their data; nothing was written
   */
  public boolean record(ClaimedExecution execution, String currentStep, List<StepRecord> steps) {
    return writes.call(
        new ProgressWrite(execution.id(), execution.attempt(), currentStep, List.copyOf(steps)));
  }

  @Override
  public void close() {
    writes.close();
  }
}
