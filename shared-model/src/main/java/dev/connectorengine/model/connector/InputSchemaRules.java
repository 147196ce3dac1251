package dev.connectorengine.model.connector;

import com.networknt.schema.Error;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Checks a connector's {@code inputSchema}: a valid JSON Schema that describes an object. */
final class InputSchemaRules {

  private InputSchemaRules() {}

  static void check(JsonNode schema, List<SpecViolation> violations) {
    if (schema == null || schema.isNull() || schema.isMissingNode()) {
      return;
    }
    if (!schema.isObject()) {
      violations.add(new SpecViolation("inputSchema", "must be a JSON Schema object"));
      return;
    }
    int before = violations.size();
    JsonNode type = schema.get("type");
    if (type != null && !(type.isString() && type.stringValue().equals("object"))) {
      violations.add(
          new SpecViolation("inputSchema.type", "must be \"object\": an input is a JSON object"));
    }
    checkReferences("inputSchema", schema, violations);
    for (Error error : JsonSchemas.metaSchemaErrors(schema)) {
      violations.add(
          new SpecViolation(
              JsonSchemas.fieldName("inputSchema", error.getInstanceLocation(), null),
              error.getMessage()));
    }
    if (violations.size() == before) {
      try {
        JsonSchemas.compile(schema);
      } catch (RuntimeException e) { // SchemaException and whatever else a hostile schema causes
        violations.add(
            new SpecViolation("inputSchema", "is not a usable JSON Schema: " + rootCause(e)));
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
