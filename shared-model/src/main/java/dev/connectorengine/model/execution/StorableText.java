package dev.connectorengine.model.execution;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What PostgreSQL can store in {@code text} and {@code jsonb}: every character but NUL (U+0000) and
 * lone UTF-16 surrogates, which a third-party answer may well hold ({@code "a\u0000b"} is valid
 * JSON). Finds such characters, naming where, and replaces them with U+FFFD.
 */
public final class StorableText {

  /** What replaces a character that cannot be stored. */
  public static final char REPLACEMENT = '\uFFFD';

  private StorableText() {}

  /** The first character of {@code text} that cannot be stored, described; empty when none. */
  public static Optional<String> problemIn(String text) {
    int at = firstUnstorable(text);
    return at < 0 ? Optional.empty() : Optional.of(describe(text.charAt(at)));
  }

  /**
   * The first place in {@code value} (a key or a string) holding a character that cannot be stored,
   * e.g. {@code "a NUL character (U+0000) at $.data[0].name"}; empty when none.
   */
  public static Optional<String> problemIn(JsonNode value) {
    return problemIn(value, "$");
  }

  /** {@code text} with every character that cannot be stored replaced by U+FFFD. */
  public static String clean(String text) {
    int at = firstUnstorable(text);
    if (at < 0) {
      return text;
    }
    StringBuilder cleaned = new StringBuilder(text.length()).append(text, 0, at);
    for (int i = at; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        cleaned.append(REPLACEMENT);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        cleaned.append(c).append(text.charAt(++i));
      } else {
        cleaned.append(Character.isSurrogate(c) ? REPLACEMENT : c);
      }
    }
    return cleaned.toString();
  }

  /** A copy of {@code value} with every key and string cleaned; {@code value} itself if clean. */
  public static JsonNode clean(JsonNode value) {
    if (value == null || problemIn(value).isEmpty()) {
      return value;
    }
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value.isString()) {
      return nodes.stringNode(clean(value.stringValue()));
    }
    if (value.isObject()) {
      ObjectNode copy = nodes.objectNode();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        copy.set(clean(field.getKey()), clean(field.getValue()));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = nodes.arrayNode();
      value.forEach(element -> copy.add(clean(element)));
      return copy;
    }
    return value;
  }

  private static Optional<String> problemIn(JsonNode value, String path) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isString()) {
      return problemIn(value.stringValue()).map(problem -> problem + " at " + path);
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        Optional<String> inKey = problemIn(field.getKey());
        if (inKey.isPresent()) {
          return Optional.of(inKey.get() + " in a key at " + path);
        }
        Optional<String> inValue = problemIn(field.getValue(), path + "." + field.getKey());
        if (inValue.isPresent()) {
          return inValue;
        }
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        Optional<String> inElement = problemIn(value.get(i), path + "[" + i + "]");
        if (inElement.isPresent()) {
          return inElement;
        }
      }
    }
    return Optional.empty();
  }

  private static int firstUnstorable(String text) {
    if (text == null) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return i;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(char c) {
    return c == 0
        ? "a NUL character (U+0000)"
        : String.format("a lone surrogate (U+%04X)", (int) c);
  }
}
