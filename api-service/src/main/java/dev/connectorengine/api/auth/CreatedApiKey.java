package dev.connectorengine.api.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new API key: the only answer that ever holds the key itself.
 *
 * @param apiKey the key; only its hash is stored, so it cannot be shown again
 */
record CreatedApiKey(
    UUID id, String apiKey, String prefix, String name, List<Scope> scopes, Instant createdAt) {}
