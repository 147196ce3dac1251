package dev.connectorengine.api.adminuser;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A platform admin user as the admin calls show them; the key only by its prefix.
 *
 * @param role developer, admin or owner
 * @param apiKeyPrefix the first chars of their key, to recognise it
 */
@Schema(name = "AdminUser")
record AdminUserView(
    @Schema(requiredMode = REQUIRED) UUID id,
    @Schema(requiredMode = REQUIRED) String email,
    @Schema(requiredMode = REQUIRED) String name,
    @Schema(requiredMode = REQUIRED) String role,
    @Schema(requiredMode = REQUIRED) String apiKeyPrefix,
    Instant lastUsedAt,
    @Schema(requiredMode = REQUIRED) Instant createdAt,
    @Schema(requiredMode = REQUIRED) Instant updatedAt) {}
