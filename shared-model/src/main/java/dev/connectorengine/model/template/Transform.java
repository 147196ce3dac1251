package dev.connectorengine.model.template;

import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * One link of a template's transform chain, its arguments already bound: {@code trim}, {@code
 * default: "anon"}. Built once when a string is parsed and then only applied.
 *
 * @param name the transform's name, for error messages
 * @param rule what it does to a value; throws {@link TemplateException} with the reason when the
 *     value does not fit
 * @param readsNull whether the rule sees null; when false, null passes through unchanged
 */
record Transform(String name, UnaryOperator<JsonNode> rule, boolean readsNull) {

  /** Applies the rule, or passes null through unless the rule reads it. */
  JsonNode apply(JsonNode value) {
    if (value.isNull() && !readsNull) {
      return value;
    }
    return rule.apply(value);
  }
}
