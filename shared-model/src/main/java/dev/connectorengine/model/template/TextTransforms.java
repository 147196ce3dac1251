package dev.connectorengine.model.template;

import java.util.Locale;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The transforms on text: {@code lowercase}, {@code uppercase}, {@code trim}, {@code replace},
 * {@code split}, and {@code join}, which makes text of an array. Separators and replacements are
 * literal text, never regular expressions.
 */
final class TextTransforms {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TextTransforms() {}

  static JsonNode lowercase(JsonNode value) {
    return NODES.stringNode(text(value).toLowerCase(Locale.ROOT));
  }

  static JsonNode uppercase(JsonNode value) {
    return NODES.stringNode(text(value).toUpperCase(Locale.ROOT));
  }

  static JsonNode trim(JsonNode value) {
    return NODES.stringNode(text(value).strip());
  }

  /** Replaces every occurrence of {@code from} (not empty) with {@code to}. */
  static UnaryOperator<JsonNode> replace(String from, String to) {
    return value -> NODES.stringNode(text(value).replace(from, to));
  }

  /** Cuts text at every {@code separator} (not empty); empty text is an empty array. */
  static UnaryOperator<JsonNode> split(String separator) {
    return value -> {
      String text = text(value);
      ArrayNode pieces = NODES.arrayNode();
      if (text.isEmpty()) {
        return pieces;
      }
      int start = 0;
      int found;
      while ((found = text.indexOf(separator, start)) >= 0) {
        pieces.add(text.substring(start, found));
        start = found + separator.length();
      }
      pieces.add(text.substring(start));
      return pieces;
    };
  }

  /** Joins an array's elements as text; a null element counts as empty text. */
  static UnaryOperator<JsonNode> join(String separator) {
    return value -> {
      if (!value.isArray()) {
        throw Transforms.mismatch("an array", value);
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          out.append(separator);
        }
        JsonNode element = value.get(i);
        out.append(element.isNull() ? "" : Templates.asText(element));
      }
      return NODES.stringNode(out.toString());
    };
  }

  private static String text(JsonNode value) {
    if (!value.isString()) {
      throw Transforms.mismatch("a string", value);
    }
    return value.stringValue();
  }
}
