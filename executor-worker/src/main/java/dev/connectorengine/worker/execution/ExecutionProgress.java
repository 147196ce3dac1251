package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.StepRecord;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Makes a run's progress visible: the step about to run and every step's record so far, fenced on
 * the claim. One write per step start also records the end of the step before it.
 */
@Component
public class ExecutionProgress {

  private final ExecutionRepository executions;

  ExecutionProgress(ExecutionRepository executions) {
    this.executions = executions;
  }

  /**
   * Records that {@code currentStep} starts, with all step records.
   *
   * @return false when the lease was lost: the caller must stop and write nothing more
   */
  public boolean record(ClaimedExecution execution, String currentStep, List<StepRecord> steps) {
    return executions.recordProgress(execution.id(), execution.attempt(), currentStep, steps);
  }
}
