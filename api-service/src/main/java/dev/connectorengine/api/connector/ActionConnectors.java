package dev.connectorengine.api.connector;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.integration.ActionChanged;
import dev.connectorengine.api.integration.ConnectorUsage;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.integration.ActionDefinition;
import dev.connectorengine.model.integration.ActionSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Keeps connectors in step with the actions they call. Every action has its own connector, not
 * listed among the workspace's, which {@code POST .../actions/{action}/invoke} triggers, so an
 * invocation is an execution like any other (records, retries, request logs, webhooks, waiting).
 * When an action changes (or its integration does), its own connector and every connector whose
 * current version calls it get a new version resolved from the action as it is now; a change that
 * would make one of those connectors invalid is refused, naming it.
 */
@Component
public class ActionConnectors {

  /** The step id of an action's own connector. */
  static final String OWN_STEP = "call";

  private final ActionDefinitions actions;
  private final ActionConnectorRepository links;
  private final ConnectorRepository connectors;
  private final ConnectorUsage usage;
  private final ActionStepResolver resolver;
  private final AuditLog audit;

  ActionConnectors(
      ActionDefinitions actions,
      ActionConnectorRepository links,
      ConnectorRepository connectors,
      ConnectorUsage usage,
      ActionStepResolver resolver,
      AuditLog audit) {
    this.actions = actions;
    this.links = links;
    this.connectors = connectors;
    this.usage = usage;
    this.resolver = resolver;
    this.audit = audit;
  }

  /** The connector {@code /invoke} triggers for {@code integration.action}, unless none exists. */
  @Transactional(readOnly = true)
  public Optional<UUID> connectorOf(UUID workspaceId, String integration, String action) {
    return links.connectorOf(workspaceId, integration, action);
  }

  @EventListener
  @Transactional(propagation = Propagation.MANDATORY)
  void on(ActionChanged change) {
    UUID workspaceId = change.workspaceId();
    if (change.deleted()) {
      return; // its own connector was retired with it; no connector may still call it
    }
    ActionDefinition definition =
        actions
            .find(workspaceId, change.actionId())
            .orElseThrow(() -> new IllegalStateException("changed action not found"));
    keepOwnConnector(workspaceId, definition);
    List<SpecViolation> broken = new ArrayList<>();
    for (UUID user : usage.connectorsUsingAction(workspaceId, change.actionId())) {
      ConnectorSource source = connectors.findSource(workspaceId, user).orElseThrow();
      ActionStepResolver.Resolution resolution = resolver.resolve(workspaceId, source.spec(), true);
      resolution.violations().stream()
          .map(v -> new SpecViolation("connector " + user + ": " + v.field(), v.message()))
          .forEach(broken::add);
      if (resolution.violations().isEmpty() && !resolution.spec().equals(source.spec())) {
        int version = connectors.newVersion(workspaceId, user, resolution.spec()).orElseThrow();
        audit.record(
            change.actor(),
            AuditAction.CONNECTOR_UPDATED,
            user,
            Map.of("name", source.name(), "version", version, "action", definition.reference()));
      }
    }
    if (!broken.isEmpty()) {
      throw ApiException.invalid(
          "the change would make connectors that call " + definition.reference() + " invalid",
          broken);
    }
  }

  private void keepOwnConnector(UUID workspaceId, ActionDefinition definition) {
    ConnectorSpec spec = ownSpec(definition);
    boolean enabled = !"disabled".equals(definition.integrationStatus());
    Optional<UUID> own = links.connectorOf(workspaceId, definition.actionId());
    if (own.isPresent()) {
      ConnectorSource current = connectors.findSource(workspaceId, own.get()).orElseThrow();
      if (!current.spec().equals(spec)) {
        connectors.newVersion(workspaceId, own.get(), spec);
      }
      links.setEnabled(workspaceId, own.get(), enabled);
      return;
    }
    UUID id = UUID.randomUUID();
    connectors.insert(
        workspaceId,
        id,
        new ConnectorSource(
            definition.reference(),
            "The own connector of action " + definition.reference() + ": its invocations run here",
            "action",
            spec),
        ConnectorSettings.unlimited(enabled),
        null,
        definition.actionId());
    links.link(workspaceId, definition.actionId(), id);
  }

  // One step calling the action with the whole invocation input (checked on trigger); the run's
  // output is the action's.
  private static ConnectorSpec ownSpec(ActionDefinition definition) {
    StepSpec step =
        new StepSpec(
            OWN_STEP,
            definition.reference(),
            null,
            null,
            null,
            null,
            null,
            null,
            definition.reference(),
            JsonNodeFactory.instance.stringNode("{{ input }}"),
            null,
            null);
    return new ConnectorSpec(
        List.of(ActionSteps.resolve(step, definition)),
        definition.spec().inputSchema(),
        JsonNodeFactory.instance.stringNode("{{ steps." + OWN_STEP + ".output }}"),
        ConnectorSpec.DEFAULT_TIMEOUT_MS,
        ConnectorSpec.DEFAULT_MAX_RETRIES,
        false);
  }
}
