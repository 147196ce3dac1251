package dev.connectorengine.worker.run;

import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.execution.StepStatus;

/**
 * How one step ended.
 *
 * @param record the step's final record, already redacted
 * @param runTimedOut whether the run's deadline, not the step, ended it
 * @param stopped whether the run was told to stop during the step (see {@link RunSignal})
 */
record StepResult(StepRecord record, boolean runTimedOut, boolean stopped) {

  static StepResult finished(StepRecord record) {
    return new StepResult(record, false, false);
  }

  static StepResult timedOut(StepRecord record) {
    return new StepResult(record, true, false);
  }

  static StepResult stopped(StepRecord record) {
    return new StepResult(record, false, true);
  }

  boolean failed() {
    return record.status() == StepStatus.FAILED;
  }

  /** The step's failure as the run's error message says it. */
  String failureSummary() {
    return "step '" + record.id() + "' failed: " + record.error();
  }
}
