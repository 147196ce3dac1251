package dev.connectorengine.api.connector;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.KeysetPages;
import dev.connectorengine.model.connector.ConnectorSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connectors and their immutable versions, always within one workspace; soft-deleted ones are
 * invisible. Statistics are summed over the slots on read.
 */
@Repository
class ConnectorRepository {

  private static final String INSERT_CONNECTOR =
      """
      INSERT INTO connectors (id, workspace_id, name, description, category, enabled,
                              max_concurrent_runs, current_version, created_from_template,
                              action_id)
      VALUES (:id, :workspaceId, :name, :description, :category, :enabled, :maxConcurrentRuns, 1,
              :template, :actionId)
      """;

  private static final String UPDATE_CONNECTOR =
      """
      UPDATE connectors
         SET name = :name, description = :description, category = :category, enabled = :enabled,
             max_concurrent_runs = :maxConcurrentRuns, current_version = current_version + 1,
             updated_at = now()
       WHERE id = :id AND workspace_id = :workspaceId AND deleted_at IS NULL AND action_id IS NULL
      RETURNING current_version
      """;

  private static final String NEW_VERSION =
      """
      UPDATE connectors SET current_version = current_version + 1, updated_at = now()
       WHERE id = :id AND workspace_id = :workspaceId AND deleted_at IS NULL
      RETURNING current_version
      """;

  private static final String SOFT_DELETE =
      """
      UPDATE connectors SET deleted_at = now(), updated_at = now()
       WHERE id = :id AND workspace_id = :workspaceId AND deleted_at IS NULL AND action_id IS NULL
      RETURNING name
      """;

  private static final String SELECT =
      """
      SELECT c.id, c.name, c.description, c.category, c.enabled, c.max_concurrent_runs,
             c.current_version, c.created_from_template, c.created_at, c.updated_at,
             v.type, v.steps, v.input_schema, v.field_mappings, v.timeout_ms, v.max_retries,
             v.continue_on_error,
             st.total, st.successful, st.failed, st.last_executed_at
        FROM connectors c
        JOIN connector_versions v ON v.connector_id = c.id AND v.version = c.current_version
        LEFT JOIN LATERAL (
             SELECT coalesce(sum(s.total_executions), 0) AS total,
                    coalesce(sum(s.successful_executions), 0) AS successful,
                    coalesce(sum(s.failed_executions), 0) AS failed,
                    max(s.last_executed_at) AS last_executed_at
               FROM connector_execution_stats s
              WHERE s.connector_id = c.id AND s.workspace_id = c.workspace_id) st ON true
       WHERE c.workspace_id = :workspaceId AND c.deleted_at IS NULL
      """;

  private static final String FIND = SELECT + " AND c.id = :id";

  // What a trigger needs, and no more: it runs on every trigger, so it skips the statistics.
  private static final String FIND_SWITCH =
      """
      SELECT current_version, enabled
        FROM connectors
       WHERE workspace_id = :workspaceId AND deleted_at IS NULL AND id = :id
      """;

  // An action's own connector is run and read like any other, but not listed.
  private static final String FIRST_PAGE =
      SELECT + " AND c.action_id IS NULL ORDER BY c.created_at DESC, c.id DESC LIMIT :limit";

  private static final String NEXT_PAGE =
      SELECT
          + """
           AND c.action_id IS NULL AND (c.created_at, c.id) < (:cursorAt, :cursorId)
          ORDER BY c.created_at DESC, c.id DESC LIMIT :limit
          """;

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ConnectorVersionRepository versions;

  ConnectorRepository(JdbcClient jdbc, JsonMapper json, ConnectorVersionRepository versions) {
    this.jdbc = jdbc;
    this.json = json;
    this.versions = versions;
  }

  /**
   * Writes a new connector, installed from {@code template} unless that is null, and the own
   * connector of action {@code actionId} unless that is null.
   */
  void insert(
      UUID workspaceId,
      UUID id,
      ConnectorSource source,
      ConnectorSettings settings,
      UUID template,
      UUID actionId) {
    jdbc.sql(INSERT_CONNECTOR)
        .param("id", id)
        .param("workspaceId", workspaceId)
        .param("name", source.name())
        .param("description", source.description())
        .param("category", source.category())
        .param("enabled", settings.enabled())
        .param("maxConcurrentRuns", settings.maxConcurrentRuns())
        .param("template", template)
        .param("actionId", actionId)
        .update();
    versions.insert(workspaceId, id, 1, source.spec());
  }

  /** The connector's name, description, category and current spec. */
  Optional<ConnectorSource> findSource(UUID workspaceId, UUID id) {
    return find(workspaceId, id)
        .map(
            c ->
                new ConnectorSource(
                    c.name(),
                    c.description(),
                    c.category(),
                    new ConnectorSpec(
                        c.steps(),
                        c.inputSchema(),
                        c.fieldMappings(),
                        c.timeoutMs(),
                        c.maxRetries(),
                        c.continueOnError())));
  }

  /**
   * Writes version n+1 with its name, description, category and settings; empty when the connector
   * does not exist in the workspace or is an action's own.
   */
  Optional<Integer> update(
      UUID workspaceId, UUID id, ConnectorSource source, ConnectorSettings settings) {
    Optional<Integer> version =
        jdbc.sql(UPDATE_CONNECTOR)
            .param("id", id)
            .param("workspaceId", workspaceId)
            .param("name", source.name())
            .param("description", source.description())
            .param("category", source.category())
            .param("enabled", settings.enabled())
            .param("maxConcurrentRuns", settings.maxConcurrentRuns())
            .query(Integer.class)
            .optional();
    version.ifPresent(v -> versions.insert(workspaceId, id, v, source.spec()));
    return version;
  }

  /** Writes version n+1 with only its spec changed; empty when the connector does not exist. */
  Optional<Integer> newVersion(UUID workspaceId, UUID id, ConnectorSpec spec) {
    Optional<Integer> version =
        jdbc.sql(NEW_VERSION)
            .param("id", id)
            .param("workspaceId", workspaceId)
            .query(Integer.class)
            .optional();
    version.ifPresent(v -> versions.insert(workspaceId, id, v, spec));
    return version;
  }

  /** Marks the connector deleted and answers its name; empty when it does not exist. */
  Optional<String> softDelete(UUID workspaceId, UUID id) {
    return jdbc.sql(SOFT_DELETE)
        .param("id", id)
        .param("workspaceId", workspaceId)
        .query(String.class)
        .optional();
  }

  Optional<ConnectorResponse> find(UUID workspaceId, UUID id) {
    return jdbc.sql(FIND)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .query(this::map)
        .optional();
  }

  /** Up to {@code limit} connectors after the cursor, newest first. */
  List<ConnectorResponse> page(UUID workspaceId, KeysetCursor after, int limit) {
    return KeysetPages.page(jdbc, FIRST_PAGE, NEXT_PAGE, workspaceId, after, limit, this::map);
  }

  /** The connector's current version and whether it is enabled, unless it is not there. */
  Optional<ConnectorSwitch> findSwitch(UUID workspaceId, UUID id) {
    return jdbc.sql(FIND_SWITCH)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .query(
            (rs, row) ->
                new ConnectorSwitch(rs.getInt("current_version"), rs.getBoolean("enabled")))
        .optional();
  }

  /** A connector's current version and switch, all a trigger reads of it each time. */
  record ConnectorSwitch(int currentVersion, boolean enabled) {}

  private ConnectorResponse map(ResultSet rs, int row) throws SQLException {
    return new ConnectorResponse(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("category"),
        rs.getString("type"),
        rs.getBoolean("enabled"),
        rs.getObject("max_concurrent_runs", Integer.class),
        rs.getInt("current_version"),
        ConnectorVersionRepository.steps(json, rs.getString("steps")),
        tree(rs.getString("input_schema")),
        tree(rs.getString("field_mappings")),
        rs.getInt("timeout_ms"),
        rs.getInt("max_retries"),
        rs.getBoolean("continue_on_error"),
        rs.getObject("created_from_template", UUID.class),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        new ConnectorStats(
            rs.getLong("total"),
            rs.getLong("successful"),
            rs.getLong("failed"),
            instant(rs, "last_executed_at")));
  }

  private JsonNode tree(String text) {
    return text == null ? null : json.readTree(text);
  }
}
