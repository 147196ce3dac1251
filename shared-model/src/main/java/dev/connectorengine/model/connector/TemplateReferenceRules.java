package dev.connectorengine.model.connector;

import dev.connectorengine.model.template.TemplateException;
import dev.connectorengine.model.template.TemplatePath;
import dev.connectorengine.model.template.Templates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Checks the templates of a spec: that they parse and that every path can have a value when the
 * step runs. A step may only read the results of the steps before it; the field mappings may read
 * every step's.
 */
final class TemplateReferenceRules {

  private static final Set<String> RESPONSE_PARTS = Set.of("status", "body", "headers");

  private final List<StepSpec> steps;
  private final Map<String, Integer> indexOfId = new HashMap<>();

  TemplateReferenceRules(List<StepSpec> steps) {
    this.steps = steps;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id() != null) {
        indexOfId.putIfAbsent(steps.get(i).id(), i);
      }
    }
  }

  /** Checks one string for a step at {@code stepIndex} (which sees steps before it). */
  void checkText(String field, String text, int stepIndex, List<SpecViolation> violations) {
    List<TemplatePath> paths;
    try {
      paths = Templates.referencesIn(text);
    } catch (TemplateException e) {
      violations.add(new SpecViolation(field, e.getMessage()));
      return;
    }
    for (TemplatePath path : paths) {
      String problem = problemWith(path, stepIndex);
      if (problem != null) {
        violations.add(new SpecViolation(field, problem));
      }
    }
  }

  /** Checks every string in a JSON value, naming each by its place ({@code body.items[0]}). */
  void checkJson(String field, JsonNode value, int stepIndex, List<SpecViolation> violations) {
    if (value == null) {
      return;
    }
    if (value.isString()) {
      checkText(field, value.stringValue(), stepIndex, violations);
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> property : value.properties()) {
        checkJson(field + "." + property.getKey(), property.getValue(), stepIndex, violations);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        checkJson(field + "[" + i + "]", value.get(i), stepIndex, violations);
      }
    }
  }

  private String problemWith(TemplatePath path, int stepIndex) {
    return switch (path.root()) {
      case "steps" -> stepProblem(path, stepIndex);
      case "credentials" ->
          path.segments().size() == 3
                  && path.segment(1) instanceof String
                  && path.segment(2) instanceof String
              ? null
              : "template {{ " + path + " }} must look like credentials.<service>.<valueName>";
      case "execution", "workspace" ->
          path.segments().size() == 2 && "id".equals(path.segment(1))
              ? null
              : "template {{ " + path + " }} is unknown; only " + path.root() + ".id exists";
      case "step" -> stepIdProblem(path, stepIndex);
      case "response" ->
          "template {{ "
              + path
              + " }} reads response, which is only known in an action's outputMapping; use"
              + " steps.<id>.response";
      default -> null; // input: the input schema decides what an input holds
    };
  }

  /**
   * The names a step's output has: its {@code extract}'s; for an action's step its output mapping's
   * first (the step's own, else the action's), or null when its output is the answer's whole body,
   * whose shape is not known here.
   */
  private static Set<String> outputNames(StepSpec step) {
    if (step.callsAction()) {
      JsonNode mapping =
          step.outputMapping() != null
              ? step.outputMapping()
              : step.binding() == null ? null : step.binding().outputMapping();
      if (mapping != null && mapping.isObject()) {
        return new TreeSet<>(mapping.propertyNames());
      }
      if (step.extract().isEmpty()) {
        return null;
      }
    }
    return new TreeSet<>(step.extract().keySet());
  }

  // The running step's own id: with execution.id, a value a target can key idempotency on that
  // stays the same when a resumed run calls the step again.
  private String stepIdProblem(TemplatePath path, int stepIndex) {
    if (path.segments().size() != 2 || !"id".equals(path.segment(1))) {
      return "template {{ " + path + " }} is unknown; only step.id exists";
    }
    return stepIndex < steps.size()
        ? null
        : "template {{ " + path + " }} has no value here; step.id exists in a step's request only";
  }

  private String stepProblem(TemplatePath path, int stepIndex) {
    if (!(path.segment(1) instanceof String stepId)) {
      return "template {{ " + path + " }} must name a step: steps.<stepId>.output.<name>";
    }
    Integer referenced = indexOfId.get(stepId);
    if (referenced == null) {
      return "template {{ " + path + " }} refers to unknown step '" + stepId + "'";
    }
    if (referenced == stepIndex) {
      return "template {{ "
          + path
          + " }} refers to its own step '"
          + stepId
          + "'; only earlier steps' results exist when a step runs";
    }
    if (referenced > stepIndex) {
      return "template {{ "
          + path
          + " }} refers to step '"
          + stepId
          + "', which runs later; only earlier steps' results exist when a step runs";
    }
    Object part = path.segment(2);
    if ("output".equals(part)) {
      Set<String> names = outputNames(steps.get(referenced));
      if (names == null || path.segments().size() == 3) {
        // The whole output, or that of an action step without mapping or extract: any shape.
        return null;
      }
      if (!(path.segment(3) instanceof String name) || !names.contains(name)) {
        return "template {{ "
            + path
            + " }} must name an output that step '"
            + stepId
            + "' extracts: "
            + (names.isEmpty() ? "(it extracts none)" : String.join(", ", names));
      }
      return null;
    }
    if ("response".equals(part)) {
      Object which = path.segment(3);
      if (!(which instanceof String name) || !RESPONSE_PARTS.contains(name)) {
        return "template {{ "
            + path
            + " }} must read response.status, response.body or"
            + " response.headers";
      }
      if (name.equals("status") && path.segments().size() > 4) {
        return "template {{ " + path + " }} reads into response.status, which is a number";
      }
      return null;
    }
    return "template {{ "
        + path
        + " }} must continue with output.<name> or response.status|body|headers after the"
        + " step id";
  }
}
