package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.StepRecord;
import java.util.List;
import java.util.UUID;

/** One run's progress written the way the worker's batches write it, for tests. */
final class ProgressWrites {

  private ProgressWrites() {}

  /** Writes the running step and the step records; false when the fence no longer holds. */
  static boolean record(
      ExecutionRepository repository,
      UUID id,
      int attempt,
      String currentStep,
      List<StepRecord> steps) {
    ProgressWrite write = new ProgressWrite(id, attempt, currentStep, steps);
    return Integer.valueOf(attempt).equals(repository.recordProgress(List.of(write)).get(id));
  }
}
