package dev.connectorengine.api.template;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.template.CredentialRenames;
import dev.connectorengine.model.template.TemplatePath;
import dev.connectorengine.model.template.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The services a spec takes credentials from ({@code {{ credentials.<service>.<field> }}} and a
 * step's {@code auth}), and the same spec with services renamed: a template names services, never
 * secrets, and an install maps them onto the workspace's own.
 */
@Component
class CredentialServices {

  private static final TypeReference<List<StepSpec>> STEPS = new TypeReference<>() {};

  private final JsonMapper json;

  CredentialServices(JsonMapper json) {
    this.json = json;
  }

  /** The services the spec uses, sorted. */
  List<String> required(ConnectorSpec spec) {
    TreeSet<String> services = new TreeSet<>();
    for (StepSpec step : spec.steps()) {
      if (step.auth() != null && !step.auth().isBlank()) {
        services.add(step.auth());
      }
    }
    List<JsonNode> parts = new ArrayList<>();
    parts.add(json.valueToTree(spec.steps()));
    if (spec.fieldMappings() != null) {
      parts.add(spec.fieldMappings());
    }
    for (JsonNode part : parts) {
      for (TemplatePath path : Templates.referencesIn(part)) {
        if ("credentials".equals(path.root())
            && path.segments().size() > 1
            && path.segment(1) instanceof String service) {
          services.add(service);
        }
      }
    }
    return List.copyOf(services);
  }

  /** The spec with each service named in {@code mapping} renamed; the others stay. */
  ConnectorSpec renamed(ConnectorSpec spec, Map<String, String> mapping) {
    if (mapping.isEmpty()) {
      return spec;
    }
    JsonNode steps = CredentialRenames.renamed(json.valueToTree(spec.steps()), mapping);
    for (JsonNode step : steps) {
      JsonNode auth = step.get("auth");
      if (auth != null && auth.isString() && mapping.containsKey(auth.stringValue())) {
        ((ObjectNode) step).put("auth", mapping.get(auth.stringValue()));
      }
    }
    return new ConnectorSpec(
        json.convertValue(steps, STEPS),
        spec.inputSchema(),
        spec.fieldMappings() == null
            ? null
            : CredentialRenames.renamed(spec.fieldMappings(), mapping),
        spec.timeoutMs(),
        spec.maxRetries(),
        spec.continueOnError());
  }
}
