package dev.connectorengine.api.integration;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connectors whose current version has a step bound to an integration or an action (its {@code
 * binding}, written when the connector was saved), and the hidden connectors that run an action's
 * invocations.
 */
@Repository
public class ConnectorUsage {

  /** Most connectors a refusal names. */
  static final int NAMED = 20;

  // A jsonb containment probe: some step's binding holds this id (a GIN-free scan of the
  // workspace's current versions, which deleting an integration or action can afford).
  private static final String USING =
      """
      SELECT c.id, c.name FROM connectors c
        JOIN connector_versions v ON v.connector_id = c.id AND v.version = c.current_version
       WHERE c.workspace_id = :workspaceId AND c.deleted_at IS NULL AND c.action_id IS NULL
         AND v.steps @> CAST(:probe AS jsonb)
       ORDER BY c.name, c.id LIMIT :limit
      """;

  private static final String RETIRE_HIDDEN =
      """
      UPDATE connectors SET deleted_at = now(), updated_at = now()
       WHERE workspace_id = :workspaceId AND deleted_at IS NULL
         AND action_id = ANY(CAST(:actionIds AS uuid[]))
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ConnectorUsage(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Connectors (id and name) with a step bound to this integration. */
  List<Map<String, String>> usingIntegration(UUID workspaceId, UUID integrationId) {
    return using(workspaceId, "integrationId", integrationId, NAMED);
  }

  /** Connectors (id and name) with a step bound to this action. */
  List<Map<String, String>> usingAction(UUID workspaceId, UUID actionId) {
    return using(workspaceId, "actionId", actionId, NAMED);
  }

  /** Every connector with a step bound to this action, by name: those its change must follow. */
  public List<UUID> connectorsUsingAction(UUID workspaceId, UUID actionId) {
    return using(workspaceId, "actionId", actionId, Integer.MAX_VALUE).stream()
        .map(connector -> UUID.fromString(connector.get("id")))
        .toList();
  }

  /** Soft-deletes the hidden connectors that invoke these actions. */
  void retireHidden(UUID workspaceId, List<UUID> actionIds) {
    if (actionIds.isEmpty()) {
      return;
    }
    jdbc.sql(RETIRE_HIDDEN)
        .param("workspaceId", workspaceId)
        // A uuid[] literal: ids only, never free text.
        .param(
            "actionIds",
            "{" + String.join(",", actionIds.stream().map(UUID::toString).toList()) + "}")
        .update();
  }

  private List<Map<String, String>> using(UUID workspaceId, String key, UUID id, int limit) {
    String probe = json.writeValueAsString(List.of(Map.of("binding", Map.of(key, id.toString()))));
    return jdbc.sql(USING)
        .param("workspaceId", workspaceId)
        .param("probe", probe)
        .param("limit", limit)
        .query((rs, row) -> Map.of("id", rs.getString("id"), "name", rs.getString("name")))
        .list();
  }
}
