package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import java.util.UUID;

/** An execution a terminal write just moved to {@code status}. */
record FinishedExecution(
    UUID id, UUID connectorId, UUID workspaceId, ExecutionStatus status, String currentStep) {}
