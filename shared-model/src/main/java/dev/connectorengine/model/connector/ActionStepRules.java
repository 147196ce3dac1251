package dev.connectorengine.model.connector;

import dev.connectorengine.model.integration.ActionSpecValidator;
import java.util.List;

/**
 * The rules of a step that names an action, besides those of the request the action fills in: its
 * {@code input} reads the run as a request would, and its {@code outputMapping} follows an action's
 * output mapping rules.
 */
final class ActionStepRules {

  private ActionStepRules() {}

  static void check(
      String field,
      StepSpec step,
      int stepIndex,
      TemplateReferenceRules references,
      List<SpecViolation> violations) {
    if (step.input() != null && !step.input().isObject() && !step.input().isString()) {
      violations.add(
          new SpecViolation(field + ".input", "must be a JSON object (or one template)"));
    } else {
      references.checkJson(field + ".input", step.input(), stepIndex, violations);
    }
    ActionSpecValidator.checkOutputMapping(
        field + ".outputMapping", step.outputMapping(), violations);
  }
}
