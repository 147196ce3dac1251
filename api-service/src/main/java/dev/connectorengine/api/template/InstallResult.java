package dev.connectorengine.api.template;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.connectorengine.api.connector.ConnectorResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What an install made.
 *
 * @param connector the new connector, with {@code createdFromTemplate}
 * @param missingCredentials services the connector uses that the workspace has no credential for:
 *     its runs fail naming them until they exist
 */
record InstallResult(
    @Schema(requiredMode = REQUIRED) ConnectorResponse connector,
    @Schema(requiredMode = REQUIRED) List<String> missingCredentials) {}
