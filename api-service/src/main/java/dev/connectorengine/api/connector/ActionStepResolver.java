package dev.connectorengine.api.connector;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.integration.ActionDefinition;
import dev.connectorengine.model.integration.ActionSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Fills in the steps of a connector that name an action, when the connector is saved: the action
 * must exist in the workspace and its integration must not be disabled; what is known of the step's
 * input must satisfy the action's input schema. A client never sets a step's binding: one sent
 * along (as a connector read and sent back has) is replaced, or dropped from a raw step.
 */
@Component
class ActionStepResolver {

  private final ActionDefinitions actions;

  ActionStepResolver(ActionDefinitions actions) {
    this.actions = actions;
  }

  /** The spec as runs execute it, and what kept a step from being resolved. */
  Resolution resolve(UUID workspaceId, ConnectorSpec spec) {
    return resolve(workspaceId, spec, false);
  }

  /**
   * As {@link #resolve(UUID, ConnectorSpec)}; with {@code keepDisabled}, an action of a disabled
   * integration is resolved too (a saved connector follows its actions' changes whatever their
   * integration's status; only new uses are refused).
   */
  Resolution resolve(UUID workspaceId, ConnectorSpec spec, boolean keepDisabled) {
    List<StepSpec> steps = new ArrayList<>();
    List<SpecViolation> violations = new ArrayList<>();
    for (int i = 0; i < spec.steps().size(); i++) {
      StepSpec step = spec.steps().get(i);
      if (!step.callsAction()) {
        steps.add(step.binding() == null ? step : withoutBinding(step));
        continue;
      }
      String field = "steps[" + i + "].action";
      Optional<ActionDefinition> definition = find(workspaceId, step.action(), field, violations);
      if (definition.isEmpty()) {
        steps.add(ActionSteps.asWritten(step));
        continue;
      }
      if (!keepDisabled && "disabled".equals(definition.get().integrationStatus())) {
        violations.add(
            new SpecViolation(
                field,
                "integration '"
                    + definition.get().integration()
                    + "' is disabled: enable it first"));
      }
      violations.addAll(
          ActionSteps.checkKnownInput(
              "steps[" + i + "].input", step.input(), definition.get().spec().inputSchema()));
      steps.add(ActionSteps.resolve(step, definition.get()));
    }
    return new Resolution(
        new ConnectorSpec(
            steps,
            spec.inputSchema(),
            spec.fieldMappings(),
            spec.timeoutMs(),
            spec.maxRetries(),
            spec.continueOnError()),
        List.copyOf(violations));
  }

  private Optional<ActionDefinition> find(
      UUID workspaceId, String reference, String field, List<SpecViolation> violations) {
    Optional<ActionSteps.Reference> parsed = ActionSteps.parse(reference);
    if (parsed.isEmpty()) {
      violations.add(
          new SpecViolation(
              field,
              "'"
                  + reference
                  + "' must name an action as integration.action, e.g. crm.find-person"));
      return Optional.empty();
    }
    Optional<ActionDefinition> definition =
        actions.find(workspaceId, parsed.get().integration(), parsed.get().action());
    if (definition.isEmpty()) {
      violations.add(
          new SpecViolation(
              field,
              "no action '"
                  + parsed.get().action()
                  + "' in integration '"
                  + parsed.get().integration()
                  + "' of this workspace"));
    }
    return definition;
  }

  private static StepSpec withoutBinding(StepSpec step) {
    return new StepSpec(
        step.id(),
        step.name(),
        step.request(),
        step.extract(),
        step.timeoutMs(),
        step.retry(),
        step.continueOnError(),
        step.auth(),
        null,
        step.input(),
        step.outputMapping(),
        null);
  }

  /**
   * A resolved spec.
   *
   * @param violations empty when every action step was resolved
   */
  record Resolution(ConnectorSpec spec, List<SpecViolation> violations) {}
}
