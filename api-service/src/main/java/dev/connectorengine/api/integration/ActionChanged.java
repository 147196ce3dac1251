package dev.connectorengine.api.integration;

import java.util.UUID;

/**
 * An action was created, changed or deleted, or its integration's base URL or credential may have
 * changed what it does. Published inside the transaction of the change, so a listener bound to the
 * commit sees it only when the change is durable.
 *
 * @param workspaceId the action's workspace
 * @param actionId the action
 * @param deleted whether the action is gone
 */
public record ActionChanged(UUID workspaceId, UUID actionId, boolean deleted) {}
