package dev.connectorengine.model.integration;

import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.template.TemplateException;
import dev.connectorengine.model.template.TemplatePath;
import dev.connectorengine.model.template.Templates;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What an action's templates may read. Its request reads the action's own {@code input.*}, the
 * integration's credential as {@code credentials.<service>.<valueName>}, and {@code execution.id},
 * {@code workspace.id}, {@code step.id}; its output mapping reads {@code input.*} and {@code
 * response.status|body|headers}. Nothing of the connector around it: an action is the same call in
 * every connector that uses it.
 */
final class ActionTemplateRules {

  private static final Set<String> RESPONSE_PARTS = Set.of("status", "body", "headers");

  private final String credential;

  /**
   * @param credential the integration's credential service, or null when it authenticates with none
   */
  ActionTemplateRules(String credential) {
    this.credential = credential;
  }

  /** Checks one string of the request. */
  void checkRequestText(String field, String text, List<SpecViolation> violations) {
    for (TemplatePath path : paths(field, text, violations)) {
      String problem = requestProblem(path);
      if (problem != null) {
        violations.add(new SpecViolation(field, problem));
      }
    }
  }

  /** Checks every string of a JSON value of the request, naming each by its place. */
  void checkRequestJson(String field, JsonNode value, List<SpecViolation> violations) {
    eachString(field, value, (place, text) -> checkRequestText(place, text, violations));
  }

  /** Checks every string of an output mapping. */
  static void checkOutputMapping(String field, JsonNode mapping, List<SpecViolation> violations) {
    eachString(
        field,
        mapping,
        (place, text) -> {
          for (TemplatePath path : paths(place, text, violations)) {
            String problem = outputProblem(path);
            if (problem != null) {
              violations.add(new SpecViolation(place, problem));
            }
          }
        });
  }

  private static List<TemplatePath> paths(
      String field, String text, List<SpecViolation> violations) {
    try {
      return Templates.referencesIn(text);
    } catch (TemplateException e) {
      violations.add(new SpecViolation(field, e.getMessage()));
      return List.of();
    }
  }

  private String requestProblem(TemplatePath path) {
    return switch (path.root()) {
      case "input" -> null;
      case "credentials" -> credentialProblem(path);
      case "execution", "workspace", "step" ->
          path.segments().size() == 2 && "id".equals(path.segment(1))
              ? null
              : "template {{ " + path + " }} is unknown; only " + path.root() + ".id exists";
      default ->
          "template {{ "
              + path
              + " }} is not available to an action, which reads input.*, credentials."
              + (credential == null ? "<service>" : credential)
              + ".*, execution.id, workspace.id and step.id";
    };
  }

  private String credentialProblem(TemplatePath path) {
    if (credential == null) {
      return "template {{ " + path + " }} reads a credential, but the integration has none";
    }
    if (path.segments().size() != 3
        || !credential.equals(path.segment(1))
        || !(path.segment(2) instanceof String)) {
      return "template {{ "
          + path
          + " }} must read the integration's credential: credentials."
          + credential
          + ".<valueName>";
    }
    return null;
  }

  private static String outputProblem(TemplatePath path) {
    if (path.root().equals("input")) {
      return null;
    }
    if (path.root().equals("response")
        && path.segment(1) instanceof String part
        && RESPONSE_PARTS.contains(part)) {
      return part.equals("status") && path.segments().size() > 2
          ? "template {{ " + path + " }} reads into response.status, which is a number"
          : null;
    }
    return "template {{ "
        + path
        + " }} is not available to an output mapping, which reads input.* and"
        + " response.status|body|headers";
  }

  private static void eachString(
      String field, JsonNode value, java.util.function.BiConsumer<String, String> check) {
    if (value == null) {
      return;
    }
    if (value.isString()) {
      check.accept(field, value.stringValue());
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> property : value.properties()) {
        eachString(field + "." + property.getKey(), property.getValue(), check);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        eachString(field + "[" + i + "]", value.get(i), check);
      }
    }
  }
}
