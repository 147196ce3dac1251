package dev.connectorengine.api.adminuser;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/admin/users}.
 *
 * @param role developer, admin or owner
 */
record AdminUserRequest(
    @Schema(requiredMode = REQUIRED) String email,
    @Schema(requiredMode = REQUIRED) String name,
    @Schema(requiredMode = REQUIRED) String role) {}
