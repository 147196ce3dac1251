package dev.connectorengine.model.template;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The transforms that change a value's type or pick a part of it: {@code toNumber}, {@code
 * toString}, {@code toBoolean}, {@code default}, {@code size}, {@code first} and {@code last}.
 */
final class ValueTransforms {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ValueTransforms() {}

  /** A number stays as it is; text that is a decimal number becomes that number. */
  static JsonNode toNumber(JsonNode value) {
    if (value.isNumber()) {
      return value;
    }
    if (!value.isString()) {
      throw Transforms.mismatch("a string or a number", value);
    }
    String text = value.stringValue().strip();
    BigDecimal number;
    try {
      number = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw notA("number", value.stringValue());
    }
    if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
      return integral(number);
    }
    double decimal = number.doubleValue();
    if (Double.isInfinite(decimal)) {
      throw notA("number", value.stringValue());
    }
    return NODES.numberNode(decimal);
  }

  /** Any value as its text; objects and arrays as JSON text. */
  static JsonNode toText(JsonNode value) {
    return value.isString() ? value : NODES.stringNode(Templates.asText(value));
  }

  /** {@code true}/{@code false} in any case, and 1/0 as numbers or text. */
  static JsonNode toBoolean(JsonNode value) {
    if (value.isBoolean()) {
      return value;
    }
    if (value.isNumber()) {
      BigDecimal number = value.decimalValue();
      if (number.compareTo(BigDecimal.ONE) == 0 || number.signum() == 0) {
        return NODES.booleanNode(number.signum() != 0);
      }
      throw notA("boolean", Templates.asText(value));
    }
    if (!value.isString()) {
      throw Transforms.mismatch("a string or a number", value);
    }
    return switch (value.stringValue().strip().toLowerCase(Locale.ROOT)) {
      case "true", "1" -> NODES.booleanNode(true);
      case "false", "0" -> NODES.booleanNode(false);
      default -> throw notA("boolean", value.stringValue());
    };
  }

  /** Replaces null (no value) and empty text with {@code fallback}. */
  static UnaryOperator<JsonNode> defaultTo(JsonNode fallback) {
    return value ->
        value.isNull() || value.isString() && value.stringValue().isEmpty() ? fallback : value;
  }

  /** Characters of text, elements of an array, fields of an object; 0 for null. */
  static JsonNode size(JsonNode value) {
    if (value.isNull()) {
      return NODES.numberNode(0);
    }
    if (value.isString()) {
      String text = value.stringValue();
      return NODES.numberNode(text.codePointCount(0, text.length()));
    }
    if (value.isContainer()) {
      return NODES.numberNode(value.size());
    }
    throw Transforms.mismatch("a string, an array or an object", value);
  }

  /** An array's first element; null when it is empty. */
  static JsonNode first(JsonNode value) {
    return array(value).isEmpty() ? NODES.nullNode() : value.get(0);
  }

  /** An array's last element; null when it is empty. */
  static JsonNode last(JsonNode value) {
    return array(value).isEmpty() ? NODES.nullNode() : value.get(value.size() - 1);
  }

  private static JsonNode array(JsonNode value) {
    if (!value.isArray()) {
      throw Transforms.mismatch("an array", value);
    }
    return value;
  }

  private static JsonNode integral(BigDecimal number) {
    try {
      return NODES.numberNode(number.intValueExact());
    } catch (ArithmeticException notAnInt) {
      try {
        return NODES.numberNode(number.longValueExact());
      } catch (ArithmeticException notALong) {
        return NODES.numberNode(number.toBigIntegerExact());
      }
    }
  }

  private static TemplateException notA(String type, String text) {
    return new TemplateException("'" + Transforms.shown(text) + "' is not a " + type);
  }
}
