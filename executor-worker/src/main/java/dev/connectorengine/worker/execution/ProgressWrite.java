package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.StepRecord;
import java.util.List;
import java.util.UUID;

/** A run's progress as one write stores it: the step starting and every step's record. */
record ProgressWrite(UUID id, int attempt, String currentStep, List<StepRecord> steps) {}
