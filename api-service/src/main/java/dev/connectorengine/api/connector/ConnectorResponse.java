package dev.connectorengine.api.connector;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.connectorengine.model.connector.StepSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A connector as the API shows it: its current version's spec, its switches and statistics.
 *
 * @param createdFromTemplate the template it was installed from, or null
 */
@Schema(name = "Connector")
public record ConnectorResponse(
    @Schema(requiredMode = REQUIRED) UUID id,
    @Schema(requiredMode = REQUIRED) String name,
    String description,
    String category,
    @Schema(requiredMode = REQUIRED) String type,
    boolean enabled,
    @Schema(description = ConnectorRequest.MAX_CONCURRENT_RUNS_DESCRIPTION)
        Integer maxConcurrentRuns,
    int version,
    @Schema(requiredMode = REQUIRED) List<StepSpec> steps,
    JsonNode inputSchema,
    JsonNode fieldMappings,
    int timeoutMs,
    int maxRetries,
    boolean continueOnError,
    UUID createdFromTemplate,
    @Schema(requiredMode = REQUIRED) Instant createdAt,
    @Schema(requiredMode = REQUIRED) Instant updatedAt,
    @Schema(requiredMode = REQUIRED) ConnectorStats stats) {}
