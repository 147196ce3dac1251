package dev.connectorengine.api.connector;

import dev.connectorengine.model.connector.StepSpec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A connector as the API shows it: its current version's spec, its switches and statistics. */
record ConnectorResponse(
    UUID id,
    String name,
    String description,
    String category,
    String type,
    boolean enabled,
    int version,
    List<StepSpec> steps,
    JsonNode inputSchema,
    JsonNode fieldMappings,
    int timeoutMs,
    int maxRetries,
    boolean continueOnError,
    Instant createdAt,
    Instant updatedAt,
    ConnectorStats stats) {}
