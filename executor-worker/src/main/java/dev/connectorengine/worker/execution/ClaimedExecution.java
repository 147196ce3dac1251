package dev.connectorengine.worker.execution;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An execution this worker has just claimed: every later write is fenced on {@code (id, attempt)}.
 *
 * @param attempt the attempt this claim set; it is the fence of every later write
 * @param deadlineAt when the whole run must be over
 */
public record ClaimedExecution(
    UUID id,
    UUID workspaceId,
    UUID connectorId,
    int connectorVersion,
    int attempt,
    JsonNode input,
    Instant startedAt,
    Instant deadlineAt) {}
