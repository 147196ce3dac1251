package dev.connectorengine.model.execution;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An execution as the outside sees it: the body of {@code GET /api/v1/executions/{id}} and the
 * {@code data} of its webhook deliveries. Both render this record, read by {@link
 * ExecutionViewRows}, so the two documents are the same bytes.
 *
 * @param currentStep the id of the step running, or last run
 * @param steps one record per step of the connector version it runs
 * @param cancelRequestedAt when a cancel of the running execution was asked for, if it was
 * @param retryOf the execution this one replays, if it is a replay
 */
public record ExecutionView(
    UUID id,
    UUID connectorId,
    int connectorVersion,
    ExecutionStatus status,
    String currentStep,
    List<StepRecord> steps,
    JsonNode input,
    JsonNode output,
    String errorMessage,
    Long executionTimeMs,
    int attempt,
    String flowRunId,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant cancelRequestedAt,
    UUID retryOf) {}
