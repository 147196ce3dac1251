package dev.connectorengine.api.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * What {@code GET /api/v1/executions} narrows the list to; a null member does not narrow it.
 *
 * @param createdAfter only executions created strictly after this instant
 * @param createdBefore only executions created strictly before this instant
 * @param retryOf only the replays of this execution
 */
record ExecutionFilter(
    UUID connectorId,
    ExecutionStatus status,
    String flowRunId,
    UUID retryOf,
    Instant createdAfter,
    Instant createdBefore) {}
