package dev.connectorengine.api.connector;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.ConnectorSpecValidator;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.integration.ActionSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The connectors side of the templates marketplace: reads the connector a template is published
 * from, and creates the connector a template installs (validated and audited like any other).
 */
@Component
public class TemplateConnectors {

  private final ConnectorRepository connectors;
  private final AuditLog audit;
  private final ActionStepResolver actionSteps;
  private final ConnectorSpecValidator validator = new ConnectorSpecValidator();

  TemplateConnectors(
      ConnectorRepository connectors, AuditLog audit, ActionStepResolver actionSteps) {
    this.connectors = connectors;
    this.audit = audit;
    this.actionSteps = actionSteps;
  }

  /** A connector of the caller's workspace, unless it does not exist (or is deleted). */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<ConnectorSource> source(UUID workspaceId, UUID connectorId) {
    return connectors.findSource(workspaceId, connectorId).map(TemplateConnectors::asWritten);
  }

  // Action steps as their user wrote them: an installing workspace resolves them to its own.
  private static ConnectorSource asWritten(ConnectorSource source) {
    ConnectorSpec spec = source.spec();
    return new ConnectorSource(
        source.name(),
        source.description(),
        source.category(),
        new ConnectorSpec(
            spec.steps().stream().map(ActionSteps::asWritten).toList(),
            spec.inputSchema(),
            spec.fieldMappings(),
            spec.timeoutMs(),
            spec.maxRetries(),
            spec.continueOnError()));
  }

  /** Creates an enabled connector from a template; 422 naming the fields if its spec is invalid. */
  @Transactional(propagation = Propagation.MANDATORY)
  public ConnectorResponse install(ApiPrincipal caller, ConnectorSource source, UUID templateId) {
    // A template's action steps name actions by slug: they resolve to the installing workspace's.
    ActionStepResolver.Resolution resolution =
        actionSteps.resolve(caller.workspaceId(), source.spec());
    List<SpecViolation> violations = new ArrayList<>(resolution.violations());
    violations.addAll(validator.validate(resolution.spec()));
    if (source.name() == null || source.name().isBlank() || source.name().length() > 200) {
      violations.add(new SpecViolation("name", "is required, at most 200 chars"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the installed connector would be invalid", violations);
    }
    UUID id = UUID.randomUUID();
    ConnectorSource resolved =
        new ConnectorSource(
            source.name(), source.description(), source.category(), resolution.spec());
    connectors.insert(
        caller.workspaceId(), id, resolved, ConnectorSettings.unlimited(true), templateId, null);
    audit.record(
        caller,
        AuditAction.CONNECTOR_CREATED,
        id,
        Map.of("name", source.name(), "version", 1, "template", templateId.toString()));
    return connectors.find(caller.workspaceId(), id).orElseThrow();
  }
}
