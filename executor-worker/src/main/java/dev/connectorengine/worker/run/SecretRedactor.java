package dev.connectorengine.worker.run;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces every occurrence of a run's credential values with {@code ***} in what the run writes:
 * error messages, stored response excerpts, extracted outputs and the run's output. A third-party
 * API may echo a key back (JSON-escaped, as {@code \/} for {@code /}), and a user may map a
 * credential into an output by mistake. A redactor belongs to one run.
 */
final class SecretRedactor {

  static final String MASK = "***";
  // Once for a JSON string, twice for a JSON document a target quotes inside a JSON string.
  private static final int MAX_ESCAPE_LEVELS = 2;

  private List<String> secrets;

  SecretRedactor(Collection<String> secrets) {
    this.secrets = usable(secrets);
  }

  /** Masks {@code secret} too from now on (an access token fetched during the run). */
  void add(String secret) {
    if (secret != null && !secret.isBlank() && !secrets.contains(secret)) {
      List<String> more = new ArrayList<>(secrets);
      more.add(secret);
      secrets = usable(more);
    }
  }

  private static List<String> usable(Collection<String> secrets) {
    return secrets.stream()
        .filter(secret -> secret != null && !secret.isBlank())
        .distinct()
        .toList();
  }

  /**
   * Masks every secret in {@code text}, as written or JSON-escaped (once, or twice for JSON inside
   * a JSON string), where a target echoes it. Overlapping and adjacent secrets become one mask.
   */
  /**
   * How much text around a cut must be redacted with it so no part of a secret is left behind: a
   * secret JSON-escaped twice takes up to 12 characters for each of its own.
   */
  int reach() {
    return secrets.stream().mapToInt(String::length).max().orElse(0) * 12;
  }

  String redact(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    JsonUnescaped view = JsonUnescaped.of(text);
    BitSet masked = mark(view, new BitSet());
    for (int level = 0; level < MAX_ESCAPE_LEVELS && view.hasEscapes(); level++) {
      view = view.decoded();
      masked = mark(view, masked);
    }
    return masked.isEmpty() ? text : masked(text, masked);
  }

  // Marks, in the original text, every character of an occurrence of a secret in the view.
  private BitSet mark(JsonUnescaped view, BitSet masked) {
    String text = view.text();
    for (String secret : secrets) {
      for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
        masked.set(view.origin(at), view.origin(at + secret.length()));
      }
    }
    return masked;
  }

  private static String masked(String text, BitSet masked) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (int start = masked.nextSetBit(0); start >= 0; start = masked.nextSetBit(from)) {
      out.append(text, from, start).append(MASK);
      from = masked.nextClearBit(start);
    }
    return out.append(text, from, text.length()).toString();
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
