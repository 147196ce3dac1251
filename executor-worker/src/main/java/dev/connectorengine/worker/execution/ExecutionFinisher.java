package dev.connectorengine.worker.execution;

import dev.connectorengine.model.messaging.ExecutionEvent;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends a run: the fenced terminal write and the statistics change in one transaction, the
 * statistics only when the write moved the row, so each run is counted exactly once. The status
 * change is announced after the commit.
 */
@Component
public class ExecutionFinisher {

  private final ExecutionRepository executions;
  private final StatisticsRecorder statistics;
  private final TransactionTemplate transactions;
  private final ExecutionEventSink events;
  private final WorkerMetrics metrics;
  private final Clock clock;

  ExecutionFinisher(
      ExecutionRepository executions,
      StatisticsRecorder statistics,
      TransactionTemplate transactions,
      ExecutionEventSink events,
      WorkerMetrics metrics,
      Clock clock) {
    this.executions = executions;
    this.statistics = statistics;
    this.transactions = transactions;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Writes the outcome of a claimed run.
   *
   * @return true when this call ended the run; false when the fence did not hold (already ended, or
   *     the lease was lost to another attempt) and nothing was written
   */
  public boolean finish(ClaimedExecution execution, RunOutcome outcome) {
    Optional<FinishedExecution> finished =
        transactions.execute(
            status -> {
              Optional<FinishedExecution> done =
                  executions.finish(
                      execution.id(),
                      execution.attempt(),
                      outcome.status(),
                      outcome.output(),
                      outcome.errorMessage(),
                      outcome.steps());
              done.ifPresent(statistics::record);
              return done;
            });
    if (finished == null || finished.isEmpty()) {
      return false;
    }
    FinishedExecution done = finished.get();
    metrics.runFinished(done.status());
    events.publish(
        List.of(
            new ExecutionEvent(
                done.id(),
                done.workspaceId(),
                done.connectorId(),
                done.status(),
                done.currentStep(),
                clock.instant())));
    return true;
  }
}
