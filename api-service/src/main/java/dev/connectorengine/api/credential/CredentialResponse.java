package dev.connectorengine.api.credential;

import java.time.Instant;
import java.util.List;

/** A credential as the API shows it: the names of its values, never the values. */
record CredentialResponse(
    String service,
    String type,
    String status,
    List<String> valueNames,
    Instant expiresAt,
    boolean isVerified,
    Instant lastVerifiedAt,
    Instant createdAt,
    Instant updatedAt,
    Instant lastUsedAt) {}
