package dev.connectorengine.api.execution;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An execution as {@code GET /api/v1/executions/{id}} shows it.
 *
 * @param currentStep the id of the step running, or last run
 * @param steps one record per step of the connector version it runs
 * @param cancelRequestedAt when a cancel of the running execution was asked for, if it was
 */
@Schema(name = "Execution")
record ExecutionResponse(
    @Schema(requiredMode = REQUIRED) UUID id,
    @Schema(requiredMode = REQUIRED) UUID connectorId,
    int connectorVersion,
    @Schema(requiredMode = REQUIRED) ExecutionStatus status,
    String currentStep,
    @Schema(requiredMode = REQUIRED) List<StepRecord> steps,
    @Schema(requiredMode = REQUIRED) JsonNode input,
    JsonNode output,
    String errorMessage,
    Long executionTimeMs,
    int attempt,
    String flowRunId,
    @Schema(requiredMode = REQUIRED) Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant cancelRequestedAt) {}
