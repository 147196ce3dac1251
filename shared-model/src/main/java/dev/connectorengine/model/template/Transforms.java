package dev.connectorengine.model.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue of template transforms ({@code {{ input.email | trim | lowercase }}}): their names,
 * the arguments each takes, and the parsing of one {@code name: arg, arg} call into a {@link
 * Transform}. Arguments are JSON literals: double-quoted strings with JSON escapes, numbers, {@code
 * true}, {@code false} and {@code null}.
 */
final class Transforms {

  /** Every transform's name with how it is written, in the documented order. */
  static final SequencedMap<String, String> USAGE = usage();

  private static final JsonMapper LITERALS =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private Transforms() {}

  /**
   * Parses one call of a chain, as written between two {@code |}.
   *
   * @param expression the whole template, for the message
   * @throws TemplateException naming the template and the transform when the name is unknown or the
   *     arguments do not fit
   */
  static Transform parse(String call, String expression) {
    String text = call.strip();
    int colon = text.indexOf(':');
    String name = (colon < 0 ? text : text.substring(0, colon)).strip();
    if (name.isEmpty()) {
      throw new TemplateException("template {{ " + expression + " }} has an empty transform");
    }
    try {
      if (!USAGE.containsKey(name)) {
        throw unknown(name);
      }
      List<JsonNode> arguments =
          colon < 0 ? List.of() : arguments(name, text.substring(colon + 1).strip());
      return of(name, arguments);
    } catch (TemplateException e) {
      throw new TemplateException("template {{ " + expression + " }}: " + e.getMessage());
    }
  }

  /**
   * The transform {@code name} with its arguments bound.
   *
   * @throws TemplateException when the name is unknown or the arguments do not fit
   */
  static Transform of(String name, List<JsonNode> arguments) {
    return switch (name) {
      case "lowercase" -> plain(name, arguments, TextTransforms::lowercase);
      case "uppercase" -> plain(name, arguments, TextTransforms::uppercase);
      case "trim" -> plain(name, arguments, TextTransforms::trim);
      case "toNumber" -> plain(name, arguments, ValueTransforms::toNumber);
      case "toString" -> plain(name, arguments, ValueTransforms::toText);
      case "toBoolean" -> plain(name, arguments, ValueTransforms::toBoolean);
      case "first" -> plain(name, arguments, ValueTransforms::first);
      case "last" -> plain(name, arguments, ValueTransforms::last);
      case "size" -> {
        literals(name, arguments, 0);
        yield new Transform(name, ValueTransforms::size, true);
      }
      case "default" ->
          new Transform(
              name, ValueTransforms.defaultTo(literals(name, arguments, 1).getFirst()), true);
      case "dateFormat" ->
          new Transform(
              name,
              DateTransforms.dateFormat(DateTransforms.formatter(text(name, arguments, 0, 1))),
              false);
      case "join" -> new Transform(name, TextTransforms.join(text(name, arguments, 0, 1)), false);
      case "split" ->
          new Transform(name, TextTransforms.split(nonEmpty(name, arguments, 0, 1)), false);
      case "replace" ->
          new Transform(
              name,
              TextTransforms.replace(nonEmpty(name, arguments, 0, 2), text(name, arguments, 1, 2)),
              false);
      default -> throw unknown(name);
    };
  }

  /** At most the first 50 characters of a value, for messages. */
  static String shown(String text) {
    return text.length() > 50 ? text.substring(0, 50) + "..." : text;
  }

  /** The reason a value of the wrong kind is refused: "needs a string, got an object". */
  static TemplateException mismatch(String needed, JsonNode value) {
    String kind =
        switch (value.getNodeType()) {
          case STRING -> "a string";
          case NUMBER -> "a number";
          case BOOLEAN -> "a boolean";
          case ARRAY -> "an array";
          case OBJECT -> "an object";
          default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    return new TemplateException("needs " + needed + ", got " + kind);
  }

  /**
   * Cuts {@code text} at each {@code separator} outside double quotes (a quote may be escaped
   * inside quotes with a backslash).
   *
   * @throws TemplateException when a quote is not closed
   */
  static List<String> split(String text, char separator) {
    List<String> pieces = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == separator) {
        pieces.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (quoted) {
      throw new TemplateException("has an unclosed quote");
    }
    pieces.add(text.substring(start));
    return pieces;
  }

  private static TemplateException unknown(String name) {
    return new TemplateException(
        "unknown transform '"
            + name
            + "'; known transforms: "
            + String.join(", ", USAGE.sequencedKeySet()));
  }

  private static List<JsonNode> arguments(String name, String text) {
    List<JsonNode> arguments = new ArrayList<>();
    if (text.isEmpty()) {
      return arguments;
    }
    List<String> pieces;
    try {
      pieces = split(text, ',');
    } catch (TemplateException e) {
      throw new TemplateException(name + "'s arguments have an unclosed quote");
    }
    for (String piece : pieces) {
      arguments.add(literal(name, piece.strip()));
    }
    return arguments;
  }

  private static JsonNode literal(String name, String text) {
    try {
      JsonNode value = text.isEmpty() ? null : LITERALS.readTree(text);
      if (value != null && value.isValueNode()) {
        return value;
      }
    } catch (JacksonException e) {
      // reported below, with the usage
    }
    throw new TemplateException(
        name
            + "'s argument "
            + (text.isEmpty() ? "is missing" : text + " is not a JSON literal")
            + " (a \"quoted string\", a number, true, false or null); write "
            + USAGE.get(name));
  }

  private static Transform plain(
      String name, List<JsonNode> arguments, UnaryOperator<JsonNode> rule) {
    literals(name, arguments, 0);
    return new Transform(name, rule, false);
  }

  private static List<JsonNode> literals(String name, List<JsonNode> arguments, int count) {
    if (arguments.size() != count) {
      throw new TemplateException(
          name
              + " takes "
              + (count == 0 ? "no arguments" : count == 1 ? "1 argument" : count + " arguments")
              + ", got "
              + arguments.size()
              + "; write "
              + USAGE.get(name));
    }
    return arguments;
  }

  private static String text(String name, List<JsonNode> arguments, int index, int count) {
    JsonNode argument = literals(name, arguments, count).get(index);
    if (!argument.isString()) {
      throw new TemplateException(
          name + "'s arguments must be quoted strings; write " + USAGE.get(name));
    }
    return argument.stringValue();
  }

  private static String nonEmpty(String name, List<JsonNode> arguments, int index, int count) {
    String text = text(name, arguments, index, count);
    if (text.isEmpty()) {
      throw new TemplateException(name + " needs a non-empty text to look for");
    }
    return text;
  }

  private static SequencedMap<String, String> usage() {
    LinkedHashMap<String, String> usage = new LinkedHashMap<>();
    for (String plain : List.of("lowercase", "uppercase", "trim", "toNumber", "toString")) {
      usage.put(plain, plain);
    }
    usage.put("toBoolean", "toBoolean");
    usage.put("default", "default: \"anon\"");
    usage.put("dateFormat", "dateFormat: \"yyyy-MM-dd\"");
    usage.put("join", "join: \", \"");
    usage.put("split", "split: \",\"");
    usage.put("replace", "replace: \"from\", \"to\"");
    for (String plain : List.of("first", "last", "size")) {
      usage.put(plain, plain);
    }
    return Collections.unmodifiableSequencedMap(usage);
  }
}
