package dev.connectorengine.model.execution;

import dev.connectorengine.model.connector.StepSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The step records a replay's new execution starts with. From the start: all pending. From the
 * failed step: the replayed run's leading successful steps, marked {@link StepRecord#reused()},
 * then pending ones; the worker resumes a run after its finished steps, with their outputs, so it
 * never calls a reused step again.
 */
public final class ReplaySteps {

  private ReplaySteps() {}

  /** Pending records for every step. */
  public static List<StepRecord> fromStart(List<StepSpec> steps) {
    return steps.stream().map(s -> StepRecord.pending(s.id(), s.name())).toList();
  }

  /**
   * The earlier run's leading successful records, reused, then pending records for the rest of
   * {@code steps}. A step is reused only where {@code steps} holds the very step the earlier run
   * ran (same id and definition at the same position): a changed step's old output could be wrong.
   *
   * @param earlier the step records of the run replayed
   * @param earlierSteps the steps of the version that run ran
   * @param steps the steps of the version the replay runs (the same list, or the current version's)
   * @throws ReplayRefusedException when no step is left to run, or a step to reuse changed
   */
  public static List<StepRecord> fromFailedStep(
      List<StepRecord> earlier, List<StepSpec> earlierSteps, List<StepSpec> steps) {
    int reused = 0;
    while (reused < earlier.size()
        && reused < earlierSteps.size()
        && earlier.get(reused).status() == StepStatus.SUCCESS
        && earlier.get(reused).id().equals(earlierSteps.get(reused).id())) {
      reused++;
    }
    for (int i = 0; i < reused; i++) {
      StepSpec was = earlierSteps.get(i);
      if (i >= steps.size()) {
        throw new ReplayRefusedException(
            "the version to run has "
                + steps.size()
                + " steps, fewer than the "
                + reused
                + " succeeded steps to reuse: replay from the start");
      }
      if (!steps.get(i).equals(was)) {
        throw new ReplayRefusedException(
            "step '"
                + was.id()
                + "' (step "
                + (i + 1)
                + ") is not the same in the version to run, so its recorded output cannot be"
                + " reused: replay from the start, or with version 'same'");
      }
    }
    if (reused == steps.size()) {
      throw new ReplayRefusedException(
          "every step of the run succeeded: nothing is left to run from a failed step; replay"
              + " from the start");
    }
    List<StepRecord> records = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      records.add(
          i < reused
              ? earlier.get(i).asReused()
              : StepRecord.pending(steps.get(i).id(), steps.get(i).name()));
    }
    return records;
  }
}
