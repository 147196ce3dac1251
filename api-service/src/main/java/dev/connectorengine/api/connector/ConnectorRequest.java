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
 * their defaults; a PUT replaces the whole connector with a new version. {@code maxConcurrentRuns}
 * is read as any JSON so that a wrong type is a 422 naming it, like a value out of range.
 */
record ConnectorRequest(
    @Schema(requiredMode = REQUIRED) String name,
    String description,
    String category,
    Boolean enabled,
    @Schema(
            implementation = Integer.class,
            minimum = "1",
            maximum = "" + ConnectorRequest.MAX_CONCURRENT_RUNS,
            description = ConnectorRequest.MAX_CONCURRENT_RUNS_DESCRIPTION)
        JsonNode maxConcurrentRuns,
    @Schema(requiredMode = REQUIRED) List<StepSpec> steps,
    JsonNode inputSchema,
    JsonNode fieldMappings,
    Integer timeoutMs,
    Integer maxRetries,
    Boolean continueOnError) {

  private static final int MAX_NAME = 200;
  private static final int MAX_DESCRIPTION = 2000;
  private static final int MAX_CATEGORY = 100;
  private static final int MAX_CONCURRENT_RUNS = 100_000;

  static final String MAX_CONCURRENT_RUNS_DESCRIPTION =
      "most runs of this connector running at once across all workers; null for no limit";

  ConnectorSpec spec() {
    return new ConnectorSpec(
        steps,
        absentIfNull(inputSchema),
        absentIfNull(fieldMappings),
        timeoutMs == null ? ConnectorSpec.DEFAULT_TIMEOUT_MS : timeoutMs,
        maxRetries == null ? ConnectorSpec.DEFAULT_MAX_RETRIES : maxRetries,
        continueOnError != null && continueOnError);
  }

  /** Enabled unless it says otherwise; no limit unless it sets one (valid once checked). */
  ConnectorSettings settings() {
    JsonNode limit = absentIfNull(maxConcurrentRuns);
    return new ConnectorSettings(enabled == null || enabled, limit == null ? null : limit.asInt());
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
    JsonNode limit = absentIfNull(maxConcurrentRuns);
    if (limit != null
        && !(limit.isIntegralNumber()
            && limit.canConvertToInt()
            && limit.asInt() >= 1
            && limit.asInt() <= MAX_CONCURRENT_RUNS)) {
      violations.add(
          new SpecViolation(
              "maxConcurrentRuns",
              "must be a whole number from 1 to "
                  + MAX_CONCURRENT_RUNS
                  + ", or null for no limit"));
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
