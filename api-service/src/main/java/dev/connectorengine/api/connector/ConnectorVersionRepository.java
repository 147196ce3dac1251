package dev.connectorengine.api.connector;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.StepSpec;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connector's versions: written once, never changed. A new version is written with the change of
 * {@code connectors.current_version} that makes it current, in the caller's transaction.
 */
@Repository
class ConnectorVersionRepository {

  private static final TypeReference<List<StepSpec>> STEPS = new TypeReference<>() {};

  private static final String INSERT_VERSION =
      """
      INSERT INTO connector_versions (connector_id, version, workspace_id, type, steps, input_schema,
                                      field_mappings, timeout_ms, max_retries, continue_on_error)
      VALUES (:connectorId, :version, :workspaceId, :type, :steps::jsonb, :inputSchema::jsonb,
              :fieldMappings::jsonb, :timeoutMs, :maxRetries, :continueOnError)
      """;

  private static final String FIND_VERSION =
      """
      SELECT steps, input_schema, field_mappings, timeout_ms, max_retries, continue_on_error
        FROM connector_versions
       WHERE workspace_id = :workspaceId AND connector_id = :id AND version = :version
      """;

  // The workspace's connectors (not an action's own) whose current version calls the action.
  private static final String USERS_OF_ACTION =
      """
      SELECT c.id
        FROM connectors c
        JOIN connector_versions v ON v.connector_id = c.id AND v.version = c.current_version
       WHERE c.workspace_id = :workspaceId AND c.deleted_at IS NULL AND c.action_id IS NULL
         AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.steps) s
                      WHERE s -> 'binding' ->> 'actionId' = :actionId)
       ORDER BY c.created_at, c.id
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ConnectorVersionRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(UUID workspaceId, UUID id, int version, ConnectorSpec spec) {
    jdbc.sql(INSERT_VERSION)
        .param("connectorId", id)
        .param("version", version)
        .param("workspaceId", workspaceId)
        .param("type", spec.type())
        .param("steps", json.writeValueAsString(spec.steps()))
        .param("inputSchema", spec.inputSchema() == null ? null : spec.inputSchema().toString())
        .param(
            "fieldMappings", spec.fieldMappings() == null ? null : spec.fieldMappings().toString())
        .param("timeoutMs", spec.timeoutMs())
        .param("maxRetries", spec.maxRetries())
        .param("continueOnError", spec.continueOnError())
        .update();
  }

  /** What one version of a workspace's connector does. */
  Optional<ConnectorSpec> find(UUID workspaceId, UUID id, int version) {
    return jdbc.sql(FIND_VERSION)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .param("version", version)
        .query(
            (rs, row) ->
                new ConnectorSpec(
                    steps(json, rs.getString("steps")),
                    tree(rs.getString("input_schema")),
                    tree(rs.getString("field_mappings")),
                    rs.getInt("timeout_ms"),
                    rs.getInt("max_retries"),
                    rs.getBoolean("continue_on_error")))
        .optional();
  }

  /** The connectors whose current version has a step calling the action, oldest first. */
  List<UUID> usersOf(UUID workspaceId, UUID actionId) {
    return jdbc.sql(USERS_OF_ACTION)
        .param("workspaceId", workspaceId)
        .param("actionId", actionId.toString())
        .query(UUID.class)
        .list();
  }

  static List<StepSpec> steps(JsonMapper json, String text) {
    return json.readValue(text, STEPS);
  }

  private JsonNode tree(String text) {
    return text == null ? null : json.readTree(text);
  }
}
