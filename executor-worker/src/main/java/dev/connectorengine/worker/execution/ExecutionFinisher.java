package dev.connectorengine.worker.execution;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends a run: the fenced terminal write and the statistics change in one transaction, the
 * statistics only when the write moved the row, so each run is counted exactly once.
 */
@Component
public class ExecutionFinisher {

  private final ExecutionRepository executions;
  private final StatisticsRecorder statistics;
  private final TransactionTemplate transactions;

  ExecutionFinisher(
      ExecutionRepository executions,
      StatisticsRecorder statistics,
      TransactionTemplate transactions) {
    this.executions = executions;
    this.statistics = statistics;
    this.transactions = transactions;
  }

  /**
   * Writes the outcome of a claimed run.
   *
   * @return true when this call ended the run; false when the fence did not hold (already ended, or
   *     the lease was lost to another attempt) and nothing was written
   */
  public boolean finish(ClaimedExecution execution, RunOutcome outcome) {
    Boolean finished =
        transactions.execute(
            status ->
                executions
                    .finish(
                        execution.id(),
                        execution.attempt(),
                        outcome.status(),
                        outcome.output(),
                        outcome.errorMessage(),
                        outcome.steps())
                    .map(
                        done -> {
                          statistics.record(done);
                          return true;
                        })
                    .orElse(false));
    return Boolean.TRUE.equals(finished);
  }
}
