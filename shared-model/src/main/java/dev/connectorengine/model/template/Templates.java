package dev.connectorengine.model.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders {@code {{ path }}} templates against a context object whose top-level fields are the
 * roots of {@link TemplatePath#ROOTS}.
 *
 * <p>A string that is exactly one template takes the referenced value with its JSON type (a number
 * stays a number) and becomes {@code null} when the path has no value. A template inside a longer
 * string is replaced by the value's text, and a missing value there is an error, since silently
 * writing "null" into a URL or header is never what a user meant.
 *
 * <p>A template may pipe its value through transforms ({@code {{ input.email | trim | lowercase
 * }}}); the value after the last one is what is kept or spliced. The paths listed by {@link
 * #referencesIn(String)} are those read, without their transforms.
 */
public final class Templates {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Templates() {}

  /**
   * Lists the template paths in a string.
   *
   * @throws TemplateException when a template does not parse or braces are unbalanced
   */
  public static List<TemplatePath> referencesIn(String text) {
    return text == null ? new ArrayList<>() : new ArrayList<>(TemplateText.of(text).paths());
  }

  /** Lists the template paths in every string of a JSON value (object keys excluded). */
  public static List<TemplatePath> referencesIn(JsonNode value) {
    List<TemplatePath> paths = new ArrayList<>();
    collect(value, paths);
    return paths;
  }

  /**
   * Renders every string in a JSON value; objects and arrays are copied, other values kept.
   *
   * @throws TemplateException naming the template when a value cannot be rendered
   */
  public static JsonNode render(JsonNode value, JsonNode context) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return NullNode.getInstance();
    }
    if (value.isString()) {
      return renderValue(value.stringValue(), context);
    }
    if (value.isObject()) {
      ObjectNode copy = NODES.objectNode();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        copy.set(field.getKey(), render(field.getValue(), context));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      for (JsonNode element : value) {
        copy.add(render(element, context));
      }
      return copy;
    }
    return value;
  }

  /**
   * Renders a string: a lone template keeps the value's type, otherwise text is spliced in.
   *
   * @return the rendered value; {@link NullNode} when a lone template has no value
   */
  public static JsonNode renderValue(String text, JsonNode context) {
    return TemplateText.of(text).renderValue(context);
  }

  /**
   * Renders a string to text, as for a URL or a header.
   *
   * @return the text, or null when the string is one template whose path has no value
   */
  public static String renderText(String text, JsonNode context) {
    return text == null ? null : TemplateText.of(text).renderText(context);
  }

  /** Looks a path up in the context; {@link NullNode} when there is no value there. */
  public static JsonNode resolve(TemplatePath path, JsonNode context) {
    JsonNode current = context;
    for (Object segment : path.segments()) {
      if (current == null || current.isNull() || current.isMissingNode()) {
        return NullNode.getInstance();
      }
      current =
          segment instanceof Integer index ? current.get(index) : current.get((String) segment);
    }
    return current == null || current.isMissingNode() ? NullNode.getInstance() : current;
  }

  static String asText(JsonNode value) {
    return value.isValueNode() ? value.asString() : value.toString();
  }

  private static void collect(JsonNode value, List<TemplatePath> paths) {
    if (value == null) {
      return;
    }
    if (value.isString()) {
      paths.addAll(referencesIn(value.stringValue()));
    } else if (value.isContainer()) {
      for (JsonNode child : value) {
        collect(child, paths);
      }
    }
  }
}
