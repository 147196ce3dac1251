package dev.connectorengine.model.template;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Renames the services that {@code {{ credentials.<service>.<name> }}} templates read, in every
 * string of a JSON value: for a template installed into a workspace whose credentials have other
 * names, or actions whose integration now authenticates with another credential.
 */
public final class CredentialRenames {

  private static final Pattern REFERENCE =
      Pattern.compile("(\\{\\{\\s*credentials\\s*\\.\\s*)([^.\\s}]+)(\\s*\\.)");

  private CredentialRenames() {}

  /** A copy of {@code value} with each service named in {@code mapping} renamed; others stay. */
  public static JsonNode renamed(JsonNode value, Map<String, String> mapping) {
    if (value == null || mapping.isEmpty()) {
      return value;
    }
    if (value.isString()) {
      return StringNode.valueOf(renamed(value.stringValue(), mapping));
    }
    JsonNode copy = value.deepCopy();
    if (copy.isObject()) {
      ObjectNode object = (ObjectNode) copy;
      for (String name : List.copyOf(object.propertyNames())) {
        object.set(name, renamed(object.get(name), mapping));
      }
    } else if (copy.isArray()) {
      for (int i = 0; i < copy.size(); i++) {
        ((ArrayNode) copy).set(i, renamed(copy.get(i), mapping));
      }
    }
    return copy;
  }

  private static String renamed(String text, Map<String, String> mapping) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String service = mapping.getOrDefault(matcher.group(2), matcher.group(2));
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(matcher.group(1) + service + matcher.group(3)));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
