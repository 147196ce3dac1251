package dev.connectorengine.api.auth;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as lists show it: never the key nor its hash.
 *
 * @param prefix the key's first characters, to recognise it
 * @param lastUsedAt when it was last used, to the minute; null if never
 * @param revokedAt when it was revoked; null while it works
 * @param expiresAt when it stops working; null if never
 * @param connectorIds the only connectors it may trigger; null when it may trigger every one
 * @param runsPerDay most runs it may trigger per UTC day; null for none of its own
 * @param runsPerMonth most runs it may trigger per UTC month; null for none of its own
 */
record ApiKeyView(
    @Schema(requiredMode = REQUIRED) UUID id,
    @Schema(requiredMode = REQUIRED) String name,
    @Schema(requiredMode = REQUIRED) String prefix,
    @Schema(requiredMode = REQUIRED) List<Scope> scopes,
    @Schema(requiredMode = REQUIRED) Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt,
    Instant expiresAt,
    List<UUID> connectorIds,
    Long runsPerDay,
    Long runsPerMonth) {}
