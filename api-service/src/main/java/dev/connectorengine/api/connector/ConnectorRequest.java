package dev.connectorengine.api.connector;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.connector.StepSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A connector as {@code POST} and {@code PUT /api/v1/connectors} take it. Absent settings take
 * their defaults; a PUT replaces the whole connector with a new version.
 */
record ConnectorRequest(
    @Schema(requiredMode = REQUIRED) String name,
    String description,
    String category,
    Boolean enabled,
    @Schema(requiredMode = REQUIRED) List<StepSpec> steps,
    JsonNode inputSchema,
    JsonNode fieldMappings,
    Integer timeoutMs,
    Integer maxRetries,
    Boolean continueOnError) {

  private static final int MAX_NAME = 200;
  private static final int MAX_DESCRIPTION = 2000;
  private static final int MAX_CATEGORY = 100;

  ConnectorSpec spec() {
    return new ConnectorSpec(
        steps,
        absentIfNull(inputSchema),
        absentIfNull(fieldMappings),
        timeoutMs == null ? ConnectorSpec.DEFAULT_TIMEOUT_MS : timeoutMs,
        maxRetries == null ? ConnectorSpec.DEFAULT_MAX_RETRIES : maxRetries,
        continueOnError != null && continueOnError);
  }

  boolean enabledOrDefault() {
    return enabled == null || enabled;
  }

  String trimmedName() {
    return name == null ? null : name.strip();
  }

  /** The rules of the fields around the spec. */
  List<SpecViolation> descriptiveViolations() {
    List<SpecViolation> violations = new ArrayList<>();
    if (name == null || name.isBlank()) {
      violations.add(new SpecViolation("name", "is required"));
    } else if (trimmedName().length() > MAX_NAME) {
      violations.add(new SpecViolation("name", "must be at most " + MAX_NAME + " chars"));
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      violations.add(
          new SpecViolation("description", "must be at most " + MAX_DESCRIPTION + " chars"));
    }
    if (category != null && category.length() > MAX_CATEGORY) {
      violations.add(new SpecViolation("category", "must be at most " + MAX_CATEGORY + " chars"));
    }
    return violations;
  }

  /** A {@code null} in the steps array, which no spec can hold. */
  List<SpecViolation> nullStepViolations() {
    List<SpecViolation> violations = new ArrayList<>();
    for (int i = 0; steps != null && i < steps.size(); i++) {
      if (steps.get(i) == null) {
        violations.add(new SpecViolation("steps[" + i + "]", "must be a step object, not null"));
      }
    }
    return violations;
  }

  private static JsonNode absentIfNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }
}
