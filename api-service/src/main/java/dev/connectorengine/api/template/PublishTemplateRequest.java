package dev.connectorengine.api.template;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/templates}: publishes one of the workspace's connectors as a community
 * template; the absent descriptive fields come from the connector.
 *
 * @param connectorId the connector whose current version becomes the template's spec
 * @param isPublic whether every workspace sees it, or only yours
 */
record PublishTemplateRequest(
    @Schema(requiredMode = REQUIRED) UUID connectorId,
    @Schema(requiredMode = REQUIRED) @JsonProperty("isPublic") Boolean isPublic,
    String name,
    String description,
    String icon,
    String category,
    List<String> tags) {}
