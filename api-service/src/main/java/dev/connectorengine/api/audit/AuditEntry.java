package dev.connectorengine.api.audit;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One row of {@code GET /api/v1/audit-log}.
 *
 * @param actorKeyId the API key that made the change; null when the admin token did
 * @param action e.g. {@code connector.updated}
 * @param resourceType {@code api_key}, {@code connector}, {@code credential} or {@code execution}
 * @param resourceId the id of what changed (a credential's service name)
 * @param details names, types and versions: never a secret
 */
record AuditEntry(
    @Schema(requiredMode = REQUIRED) UUID id,
    UUID actorKeyId,
    @Schema(requiredMode = REQUIRED) String action,
    @Schema(requiredMode = REQUIRED) String resourceType,
    String resourceId,
    JsonNode details,
    @Schema(requiredMode = REQUIRED) Instant createdAt) {}
