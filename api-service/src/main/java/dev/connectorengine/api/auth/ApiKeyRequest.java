package dev.connectorengine.api.auth;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/api-keys}.
 *
 * @param name what the key is for, shown in lists (1 to 200 chars)
 * @param scopes {@code read}, {@code execute}, {@code configure}: at least one
 * @param expiresAt when the key stops working: an instant in the future, at most five years ahead;
 *     leave it out for a key that never expires
 * @param connectorIds the only connectors the key may trigger (1 to 100 distinct connectors of the
 *     workspace); leave it out for every connector
 * @param runsPerDay most runs the key may trigger per UTC day (0 to 10^12), counted besides the
 *     workspace's limit; leave it out for none of its own
 * @param runsPerMonth most runs per UTC month (0 to 10^12, not under runsPerDay)
 */
record ApiKeyRequest(
    @Schema(requiredMode = REQUIRED) String name,
    @Schema(requiredMode = REQUIRED) List<String> scopes,
    @Schema(example = "2027-01-01T00:00:00Z") Instant expiresAt,
    List<UUID> connectorIds,
    Long runsPerDay,
    Long runsPerMonth) {}
