package dev.connectorengine.api.connector;

import java.time.Instant;

/**
 * A connector's execution statistics, summed over its slots.
 *
 * @param failedExecutions runs that ended failed or timed out
 */
public record ConnectorStats(
    long totalExecutions,
    long successfulExecutions,
    long failedExecutions,
    Instant lastExecutedAt) {}
