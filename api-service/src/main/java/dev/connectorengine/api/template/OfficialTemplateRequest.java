package dev.connectorengine.api.template;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.StepSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An official template as {@code POST} and {@code PUT /api/v1/admin/templates} take it: a connector
 * spec (validated like a connector's) and its catalogue entry.
 */
record OfficialTemplateRequest(
    @Schema(requiredMode = REQUIRED) String name,
    String description,
    String icon,
    String category,
    List<String> tags,
    @JsonProperty("isPublic") Boolean isPublic,
    @JsonProperty("isFeatured") Boolean isFeatured,
    @Schema(requiredMode = REQUIRED) List<StepSpec> steps,
    JsonNode inputSchema,
    JsonNode fieldMappings,
    Integer timeoutMs,
    Integer maxRetries,
    Boolean continueOnError) {

  ConnectorSpec spec() {
    return new ConnectorSpec(
        steps,
        inputSchema == null || inputSchema.isNull() ? null : inputSchema,
        fieldMappings == null || fieldMappings.isNull() ? null : fieldMappings,
        timeoutMs == null ? ConnectorSpec.DEFAULT_TIMEOUT_MS : timeoutMs,
        maxRetries == null ? ConnectorSpec.DEFAULT_MAX_RETRIES : maxRetries,
        continueOnError != null && continueOnError);
  }

  /** The descriptive part, as a patch that sets every field. */
  TemplatePatch entry() {
    return new TemplatePatch(name, description, icon, category, tags, isPublic, isFeatured);
  }
}
