package dev.connectorengine.api.integration;

import dev.connectorengine.api.auth.ApiPrincipal;
import java.util.UUID;

/**
 * An action was created, changed or deleted, or its integration's base URL or credential may have
 * changed what it does. Published inside the transaction of the change, so a listener bound to the
 * commit sees it only when the change is durable.
 *
 * @param actor who changed it: changes it causes are audited as theirs
 * @param actionId the action
 * @param deleted whether the action is gone
 */
public record ActionChanged(ApiPrincipal actor, UUID actionId, boolean deleted) {

  /** The action's workspace. */
  public UUID workspaceId() {
    return actor.workspaceId();
  }
}
