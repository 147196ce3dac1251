package dev.connectorengine.model.connector;

import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks a trigger's input against a connector's {@code inputSchema} (JSON Schema, draft 2020-12 by
 * default, formats asserted). Violations name the field as {@code input.email}.
 */
public final class InputValidator {

  /**
   * Validates an input.
   *
   * @param inputSchema the connector's schema, or null to accept any object
   * @param input the trigger's input
   * @return every violation, empty when the input is acceptable
   */
  public List<SpecViolation> validate(JsonNode inputSchema, JsonNode input) {
    if (input == null || !input.isObject()) {
      return List.of(new SpecViolation("input", "must be a JSON object"));
    }
    return check(inputSchema, input, "input");
  }

  /**
   * Checks any JSON value against a schema, as for an action's input or an answer's body.
   *
   * @param schema the schema, or null to accept anything
   * @param name what the value is called in violations: {@code name.a.b[0]}
   * @return every violation, empty when the value satisfies the schema
   */
  public List<SpecViolation> check(JsonNode schema, JsonNode value, String name) {
    if (schema == null || schema.isNull() || schema.isMissingNode()) {
      return List.of();
    }
    List<Error> errors;
    try {
      errors = JsonSchemas.compile(schema).validate(value);
    } catch (RuntimeException e) {
      // Saved schemas compiled, so this is a reference only resolved while validating.
      return List.of(new SpecViolation(name, "the schema it must satisfy cannot be used"));
    }
    List<SpecViolation> violations = new ArrayList<>();
    for (Error error : errors) {
      String property = "required".equals(error.getKeyword()) ? error.getProperty() : null;
      violations.add(
          new SpecViolation(
              JsonSchemas.fieldName(name, error.getInstanceLocation(), property),
              error.getMessage()));
    }
    return List.copyOf(violations);
  }
}
