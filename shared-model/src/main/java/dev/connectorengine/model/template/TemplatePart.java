package dev.connectorengine.model.template;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One {@code {{ ... }}} of a string, parsed: the path it reads and the transforms its value goes
 * through, in order ({@code input.email | trim | lowercase}).
 *
 * @param expression what stood between the braces, trimmed, for messages
 * @param path the path read
 * @param transforms the chain, empty for a plain path
 */
record TemplatePart(String expression, TemplatePath path, List<Transform> transforms) {

  TemplatePart {
    transforms = List.copyOf(transforms);
  }

  /**
   * Parses what stands between the braces.
   *
   * @throws TemplateException naming the template when the path or a transform does not parse
   */
  static TemplatePart parse(String inner) {
    if (inner.indexOf('|') < 0) {
      TemplatePath path = TemplatePath.parse(inner);
      return new TemplatePart(path.expression(), path, List.of());
    }
    String expression = inner.strip();
    List<String> calls;
    try {
      calls = Transforms.split(expression, '|');
    } catch (TemplateException e) {
      throw new TemplateException("template {{ " + expression + " }} " + e.getMessage());
    }
    if (calls.getFirst().isBlank()) {
      throw new TemplateException(
          "template {{ " + expression + " }} must start with a path before its first |");
    }
    TemplatePath path = TemplatePath.parse(calls.getFirst());
    List<Transform> transforms = new ArrayList<>();
    for (String call : calls.subList(1, calls.size())) {
      transforms.add(Transforms.parse(call, expression));
    }
    return new TemplatePart(expression, path, transforms);
  }

  /**
   * The path's value in {@code context} after the transforms.
   *
   * @return a null node when there is no value
   * @throws TemplateException naming the template and the transform when a transform fails
   */
  JsonNode render(JsonNode context) {
    JsonNode value = Templates.resolve(path, context);
    for (Transform transform : transforms) {
      try {
        value = transform.apply(value);
      } catch (TemplateException e) {
        throw new TemplateException(
            "template {{ "
                + expression
                + " }} cannot apply "
                + transform.name()
                + ": "
                + e.getMessage());
      }
    }
    return value;
  }
}
