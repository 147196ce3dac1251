package dev.connectorengine.api.auth;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * {@code POST /api/v1/api-keys}.
 *
 * @param name what the key is for, shown in lists (1 to 200 chars)
 * @param scopes {@code read}, {@code execute}, {@code configure}: at least one
 */
record ApiKeyRequest(
    @Schema(requiredMode = REQUIRED) String name,
    @Schema(requiredMode = REQUIRED) List<String> scopes) {}
