package dev.connectorengine.worker.execution;

import java.util.UUID;

/**
 * A run now pending again whose job must be published (again) so a worker claims it.
 *
 * @param attempt the row's attempt; the next claim increments it
 */
public record RequeuedExecution(UUID id, UUID workspaceId, UUID connectorId, int attempt) {}
