package dev.connectorengine.api.credential;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A credential as the API shows it: the names of its values, never the values. */
record CredentialResponse(
    @Schema(requiredMode = REQUIRED) String service,
    @Schema(requiredMode = REQUIRED) String type,
    String displayName,
    @Schema(requiredMode = REQUIRED) String status,
    @Schema(requiredMode = REQUIRED) List<String> valueNames,
    Instant expiresAt,
    boolean isVerified,
    Instant lastVerifiedAt,
    @Schema(requiredMode = REQUIRED) Instant createdAt,
    @Schema(requiredMode = REQUIRED) Instant updatedAt,
    Instant lastUsedAt) {}
