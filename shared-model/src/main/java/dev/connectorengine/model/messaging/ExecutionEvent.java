package dev.connectorengine.model.messaging;

import dev.connectorengine.model.execution.ExecutionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A status change on {@link Topics#EXECUTION_EVENTS}, for flows that listen instead of polling.
 * Published at least once: a consumer drops an {@code eventId} it has seen, and orders one
 * execution's events by {@code sequence}.
 *
 * @param currentStep the id of the step running or last run, if any
 * @param at when the change was written (its transaction's time)
 * @param eventId this event's id, the same however often it is published
 * @param sequence 1, 2, 3... in the order of this execution's status changes
 */
public record ExecutionEvent(
    UUID executionId,
    UUID workspaceId,
    UUID connectorId,
    ExecutionStatus status,
    String currentStep,
    Instant at,
    UUID eventId,
    int sequence) {}
