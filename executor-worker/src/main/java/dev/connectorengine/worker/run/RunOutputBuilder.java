package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.template.Templates;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a run's output: the connector's {@code fieldMappings} rendered against the run context,
 * or, when it has none, each step's extracted output under its step id.
 */
final class RunOutputBuilder {

  private RunOutputBuilder() {}

  /**
   * @throws dev.connectorengine.model.template.TemplateException when a mapping cannot be rendered
   */
  static JsonNode build(ConnectorSpec spec, RunContext context) {
    JsonNode mappings = spec.fieldMappings();
    if (mappings != null && !mappings.isNull() && !mappings.isMissingNode()) {
      return Templates.render(mappings, context.document());
    }
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    for (StepSpec step : spec.steps()) {
      JsonNode stepOutput = context.outputOf(step.id());
      output.set(step.id(), stepOutput == null ? NullNode.getInstance() : stepOutput);
    }
    return output;
  }
}
