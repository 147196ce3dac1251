package dev.connectorengine.api.auth;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new API key: the only answer that ever holds the key itself.
 *
 * @param apiKey the key; only its hash is stored, so it cannot be shown again
 * @param expiresAt when it stops working; null if never
 * @param connectorIds the only connectors it may trigger; null when it may trigger every one
 * @param runsPerDay most runs it may trigger per UTC day; null for none of its own
 * @param runsPerMonth most runs it may trigger per UTC month; null for none of its own
 */
record CreatedApiKey(
    @Schema(requiredMode = REQUIRED) UUID id,
    @Schema(requiredMode = REQUIRED) String apiKey,
    @Schema(requiredMode = REQUIRED) String prefix,
    @Schema(requiredMode = REQUIRED) String name,
    @Schema(requiredMode = REQUIRED) List<Scope> scopes,
    @Schema(requiredMode = REQUIRED) Instant createdAt,
    Instant expiresAt,
    List<UUID> connectorIds,
    Long runsPerDay,
    Long runsPerMonth) {}
