package dev.connectorengine.model.messaging;

import dev.connectorengine.model.execution.ExecutionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A status change on {@link Topics#EXECUTION_EVENTS}, for flows that listen instead of polling.
 *
 * @param currentStep the id of the step running or last run, if any
 */
public record ExecutionEvent(
    UUID executionId,
    UUID workspaceId,
    UUID connectorId,
    ExecutionStatus status,
    String currentStep,
    Instant at) {}
