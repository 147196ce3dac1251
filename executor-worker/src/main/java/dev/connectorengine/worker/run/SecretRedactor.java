package dev.connectorengine.worker.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces every occurrence of a run's credential values with {@code ***} in what the run writes:
 * error messages, stored response excerpts, extracted outputs and the run's output. A third-party
 * API may echo a key back, and a user may map a credential into an output by mistake.
 */
final class SecretRedactor {

  static final String MASK = "***";

  private List<String> secrets;

  SecretRedactor(Collection<String> secrets) {
    this.secrets = sorted(secrets);
  }

  /** Masks {@code secret} too from now on (an access token fetched during the run). */
  void add(String secret) {
    if (secret != null && !secret.isBlank() && !secrets.contains(secret)) {
      List<String> more = new ArrayList<>(secrets);
      more.add(secret);
      secrets = sorted(more);
    }
  }

  // Longest first, so a secret containing another is masked whole.
  private static List<String> sorted(Collection<String> secrets) {
    return secrets.stream()
        .filter(secret -> secret != null && !secret.isBlank())
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  String redact(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  /** A copy of {@code value} with secrets masked in every string and in numbers equal to one. */
  JsonNode redact(JsonNode value) {
    if (value == null || secrets.isEmpty()) {
      return value;
    }
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value.isString()) {
      return nodes.stringNode(redact(value.stringValue()));
    }
    if (value.isNumber()) {
      return secrets.contains(value.asString()) ? nodes.stringNode(MASK) : value;
    }
    if (value.isObject()) {
      ObjectNode copy = nodes.objectNode();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        copy.set(redact(field.getKey()), redact(field.getValue()));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = nodes.arrayNode();
      value.forEach(element -> copy.add(redact(element)));
      return copy;
    }
    return value;
  }
}
