package dev.connectorengine.model.connector;

import dev.connectorengine.model.template.TemplateException;
import dev.connectorengine.model.template.TemplatePath;
import dev.connectorengine.model.template.Templates;
import java.util.List;
import java.util.Set;

/**
 * The rules of a step that names an action, besides those of the request the action fills in: its
 * {@code input} reads the run as a request would, and its {@code outputMapping} reads only the
 * action's {@code input} and {@code response}.
 */
final class ActionStepRules {

  private static final Set<String> OUTPUT_MAPPING_ROOTS = Set.of("input", "response");

  private ActionStepRules() {}

  static void check(
      String field,
      StepSpec step,
      int stepIndex,
      TemplateReferenceRules references,
      List<SpecViolation> violations) {
    if (step.input() != null
        && !step.input().isNull()
        && !step.input().isObject()
        && !step.input().isString()) {
      violations.add(
          new SpecViolation(field + ".input", "must be a JSON object (or one template)"));
    } else {
      references.checkJson(field + ".input", step.input(), stepIndex, violations);
    }
    checkOutputMapping(field + ".outputMapping", step.outputMapping(), violations);
  }

  /**
   * An output mapping: a JSON object whose templates read {@code input.*} and {@code response.*}.
   */
  static void checkOutputMapping(
      String field, tools.jackson.databind.JsonNode mapping, List<SpecViolation> violations) {
    if (mapping == null || mapping.isNull()) {
      return;
    }
    if (!mapping.isObject()) {
      violations.add(new SpecViolation(field, "must be a JSON object"));
      return;
    }
    List<TemplatePath> paths;
    try {
      paths = Templates.referencesIn(mapping);
    } catch (TemplateException e) {
      violations.add(new SpecViolation(field, e.getMessage()));
      return;
    }
    for (TemplatePath path : paths) {
      if (!OUTPUT_MAPPING_ROOTS.contains(path.root())) {
        violations.add(
            new SpecViolation(
                field,
                "template {{ "
                    + path
                    + " }}: an output mapping reads only input.* (the action's input) and"
                    + " response.status, response.body, response.headers"));
      }
    }
  }
}
