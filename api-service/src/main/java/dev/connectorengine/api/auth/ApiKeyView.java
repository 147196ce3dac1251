package dev.connectorengine.api.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as lists show it: never the key nor its hash.
 *
 * @param prefix the key's first characters, to recognise it
 * @param lastUsedAt when it was last used, to the minute; null if never
 * @param revokedAt when it was revoked; null while it works
 */
record ApiKeyView(
    UUID id,
    String name,
    String prefix,
    List<Scope> scopes,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt) {}
