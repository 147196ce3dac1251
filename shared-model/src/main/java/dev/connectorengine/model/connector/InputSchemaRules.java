package dev.connectorengine.model.connector;

import com.networknt.schema.Error;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON Schema a spec carries (a connector's {@code inputSchema}, an action's input and
 * output schemas): a valid, usable JSON Schema with local references only, each violation naming
 * its place ({@code outputSchema.properties.id.type}).
 */
public final class InputSchemaRules {

  private InputSchemaRules() {}

  static void check(JsonNode schema, List<SpecViolation> violations) {
    check("inputSchema", schema, true, violations);
  }

  /**
   * Checks the schema at {@code field}; null is no schema and passes.
   *
   * @param describesObject whether the schema must describe a JSON object (an input is one)
   */
  public static void check(
      String field, JsonNode schema, boolean describesObject, List<SpecViolation> violations) {
    if (schema == null || schema.isNull() || schema.isMissingNode()) {
      return;
    }
    if (!schema.isObject()) {
      violations.add(new SpecViolation(field, "must be a JSON Schema object"));
      return;
    }
    int before = violations.size();
    JsonNode type = schema.get("type");
    if (describesObject
        && type != null
        && !(type.isString() && type.stringValue().equals("object"))) {
      violations.add(
          new SpecViolation(field + ".type", "must be \"object\": an input is a JSON object"));
    }
    checkReferences(field, schema, violations);
    for (Error error : JsonSchemas.metaSchemaErrors(schema)) {
      violations.add(
          new SpecViolation(
              JsonSchemas.fieldName(field, error.getInstanceLocation(), null), error.getMessage()));
    }
    if (violations.size() == before) {
      try {
        JsonSchemas.compile(schema);
      } catch (RuntimeException e) { // SchemaException and whatever else a hostile schema causes
        violations.add(new SpecViolation(field, "is not a usable JSON Schema: " + rootCause(e)));
      }
    }
  }

  // A schema may only point into itself: remote references would be fetched by nobody.
  private static void checkReferences(String field, JsonNode node, List<SpecViolation> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        String child = field + "." + property.getKey();
        if (property.getKey().equals("$ref")
            && property.getValue().isString()
            && !property.getValue().stringValue().startsWith("#")) {
          out.add(new SpecViolation(child, "only local references (#/...) are allowed"));
        } else {
          checkReferences(child, property.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkReferences(field + "[" + i + "]", node.get(i), out);
      }
    }
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null
        ? cause.getClass().getSimpleName()
        : message.lines().findFirst().orElse(message);
  }
}
