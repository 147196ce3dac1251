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

  static List<StepSpec> steps(JsonMapper json, String text) {
    return json.readValue(text, STEPS);
  }

  private JsonNode tree(String text) {
    return text == null ? null : json.readTree(text);
  }
}
