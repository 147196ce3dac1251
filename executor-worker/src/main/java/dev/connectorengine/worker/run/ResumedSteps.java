package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.execution.StepStatus;
import dev.connectorengine.worker.execution.ClaimedExecution;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a claimed run starts: at its first step on a first claim; on a later one, after the steps
 * an earlier attempt finished (recorded {@code success}, or {@code failed} with the run going on),
 * whose outputs go back into the template context. The step that was in flight when the earlier
 * attempt ended is called again: at least once per step, never more than needed.
 */
final class ResumedSteps {

  private ResumedSteps() {}

  /** The step records to start from: the earlier attempt's, or fresh pending ones. */
  static List<StepRecord> records(ClaimedExecution execution, List<StepSpec> steps) {
    List<StepRecord> resumed = execution.resumedSteps();
    List<StepRecord> records = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      StepSpec step = steps.get(i);
      StepRecord earlier = i < resumed.size() ? resumed.get(i) : null;
      records.add(
          earlier != null && step.id().equals(earlier.id())
              ? earlier
              : StepRecord.pending(step.id(), step.name()));
    }
    return records;
  }

  /**
   * Puts the finished steps at the start of {@code records} back into {@code context}, their
   * failures into {@code failures}.
   *
   * @return the index of the first step to run
   */
  static int restore(List<StepRecord> records, RunContext context, List<String> failures) {
    int first = 0;
    while (first < records.size() && records.get(first).finished()) {
      StepRecord record = records.get(first);
      context.restoreStep(record);
      if (record.status() == StepStatus.FAILED) {
        failures.add(StepResult.finished(record).failureSummary());
      }
      first++;
    }
    return first;
  }
}
