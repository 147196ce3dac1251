package dev.connectorengine.api.connector;

import dev.connectorengine.model.integration.ActionDefinition;
import java.util.Optional;
import java.util.UUID;

/** Where connectors find the actions their steps name: the workspace's integrations. */
public interface ActionDefinitions {

  /** The action {@code integration.action} of the workspace, unless there is none. */
  Optional<ActionDefinition> find(UUID workspaceId, String integration, String action);

  /** The action with this id in the workspace, unless there is none. */
  Optional<ActionDefinition> find(UUID workspaceId, UUID actionId);
}
