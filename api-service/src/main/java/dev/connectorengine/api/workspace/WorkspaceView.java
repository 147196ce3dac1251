package dev.connectorengine.api.workspace;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A workspace as the admin calls show it.
 *
 * @param settings its own limits and overrides (absent ones take the platform's settings)
 * @param usage what it has and has run
 */
record WorkspaceView(
    @Schema(requiredMode = REQUIRED) UUID id,
    @Schema(requiredMode = REQUIRED) String name,
    @Schema(requiredMode = REQUIRED) JsonNode settings,
    @Schema(requiredMode = REQUIRED) Usage usage,
    @Schema(requiredMode = REQUIRED) Instant createdAt,
    @Schema(requiredMode = REQUIRED) Instant updatedAt) {

  /**
   * A workspace's usage.
   *
   * @param connectors its connectors (not counting actions' own)
   * @param runsToday runs triggered since midnight UTC
   * @param runsThisMonth runs triggered since the first of the month, UTC
   */
  record Usage(long connectors, long runsToday, long runsThisMonth) {}
}
