package dev.connectorengine.worker.run;

import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.execution.StepStatus;

/**
 * How one step ended.
 *
 * @param record the step's final record, already redacted
 * @param runTimedOut whether the run's deadline, not the step, ended it
 */
record StepResult(StepRecord record, boolean runTimedOut) {

  boolean failed() {
    return record.status() == StepStatus.FAILED;
  }

  /** The step's failure as the run's error message says it. */
  String failureSummary() {
    return "step '" + record.id() + "' failed: " + record.error();
  }
}
