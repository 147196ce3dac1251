package dev.connectorengine.api.adminuser;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A new admin user and their key, shown this once.
 *
 * @param apiKey the admin user's key ({@code cea_...}), for {@code Authorization: Bearer}
 */
record CreatedAdminUser(
    @Schema(requiredMode = REQUIRED) AdminUserView user,
    @Schema(requiredMode = REQUIRED) String apiKey) {}
