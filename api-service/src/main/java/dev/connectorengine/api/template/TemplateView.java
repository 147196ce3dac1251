package dev.connectorengine.api.template;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.StepSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A template of the marketplace: a connector spec without credentials (its credential references
 * name services, listed in {@code requiredCredentials}) and its counters.
 *
 * @param requiredCredentials the services whose credentials the steps use
 * @param usageCount runs of every connector installed from it, summed from their statistics
 * @param installCount connectors installed from it
 * @param rating the mean of the workspaces' ratings (1-5), null before the first
 * @param publishedBy the publishing workspace (community) or admin user (official; null when
 *     published with the admin token)
 */
@Schema(name = "Template")
record TemplateView(
    @Schema(requiredMode = REQUIRED) UUID id,
    @Schema(requiredMode = REQUIRED) String name,
    String description,
    String icon,
    String category,
    @Schema(requiredMode = REQUIRED) List<StepSpec> steps,
    JsonNode inputSchema,
    JsonNode fieldMappings,
    int timeoutMs,
    int maxRetries,
    boolean continueOnError,
    @Schema(requiredMode = REQUIRED) List<String> requiredCredentials,
    @JsonProperty("isOfficial") boolean isOfficial,
    @JsonProperty("isFeatured") boolean isFeatured,
    @JsonProperty("isPublic") boolean isPublic,
    long usageCount,
    long installCount,
    Double rating,
    long ratingCount,
    @Schema(requiredMode = REQUIRED) List<String> tags,
    UUID publishedBy,
    @Schema(requiredMode = REQUIRED) Instant createdAt,
    @Schema(requiredMode = REQUIRED) Instant updatedAt) {

  ConnectorSpec spec() {
    return new ConnectorSpec(
        steps, inputSchema, fieldMappings, timeoutMs, maxRetries, continueOnError);
  }

  TemplateView withUsage(long usage) {
    return new TemplateView(
        id,
        name,
        description,
        icon,
        category,
        steps,
        inputSchema,
        fieldMappings,
        timeoutMs,
        maxRetries,
        continueOnError,
        requiredCredentials,
        isOfficial,
        isFeatured,
        isPublic,
        usage,
        installCount,
        rating,
        ratingCount,
        tags,
        publishedBy,
        createdAt,
        updatedAt);
  }
}
