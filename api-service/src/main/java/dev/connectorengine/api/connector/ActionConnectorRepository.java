package dev.connectorengine.api.connector;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows that tie an action to its own connector (the one {@code /invoke} triggers). */
@Repository
class ActionConnectorRepository {

  private final JdbcClient jdbc;

  ActionConnectorRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The action's own connector, unless it has none (yet) or it was deleted. */
  Optional<UUID> connectorOf(UUID workspaceId, UUID actionId) {
    return jdbc.sql(
            """
            SELECT id FROM connectors
             WHERE workspace_id = ? AND action_id = ? AND deleted_at IS NULL
            """)
        .params(workspaceId, actionId)
        .query(UUID.class)
        .optional();
  }

  /** The own connector of the action {@code integration.action}, found by slugs. */
  Optional<UUID> connectorOf(UUID workspaceId, String integration, String action) {
    return jdbc.sql(
            """
            SELECT c.id
              FROM integrations i
              JOIN integration_actions a ON a.integration_id = i.id
              JOIN connectors c ON c.action_id = a.id AND c.workspace_id = i.workspace_id
             WHERE i.workspace_id = ? AND i.slug = ? AND a.slug = ? AND c.deleted_at IS NULL
            """)
        .params(workspaceId, integration, action)
        .query(UUID.class)
        .optional();
  }

  /** Records the own connector on the action's row, for readers of that table. */
  void link(UUID workspaceId, UUID actionId, UUID connectorId) {
    jdbc.sql("UPDATE integration_actions SET connector_id = ? WHERE workspace_id = ? AND id = ?")
        .params(connectorId, workspaceId, actionId)
        .update();
  }

  /** Switches the own connector on or off with its integration. */
  void setEnabled(UUID workspaceId, UUID connectorId, boolean enabled) {
    jdbc.sql(
            """
            UPDATE connectors SET enabled = ?, updated_at = now()
             WHERE workspace_id = ? AND id = ? AND enabled <> ?
            """)
        .params(enabled, workspaceId, connectorId, enabled)
        .update();
  }
}
