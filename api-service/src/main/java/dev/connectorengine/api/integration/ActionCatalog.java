package dev.connectorengine.api.integration;

import dev.connectorengine.api.connector.ActionDefinitions;
import dev.connectorengine.model.integration.ActionDefinition;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The actions a connector step or an invocation may name ({@code integration.action}), with what
 * they need of their integration. Read in the caller's transaction, whose workspace row-level
 * security holds it to.
 */
@Component
public class ActionCatalog implements ActionDefinitions {

  private final ActionRepository actions;

  ActionCatalog(ActionRepository actions) {
    this.actions = actions;
  }

  /** The action {@code actionSlug} of the workspace's integration {@code integrationSlug}. */
  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<ActionDefinition> find(
      UUID workspaceId, String integrationSlug, String actionSlug) {
    return actions.definition(workspaceId, integrationSlug, actionSlug);
  }

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<ActionDefinition> find(UUID workspaceId, UUID actionId) {
    return actions.definition(workspaceId, actionId);
  }
}
