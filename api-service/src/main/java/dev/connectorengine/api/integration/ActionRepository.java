package dev.connectorengine.api.integration;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.api.integration.ActionView.ActionRow;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.model.integration.ActionDefinition;
import dev.connectorengine.model.integration.ActionSpec;
import dev.connectorengine.model.template.CredentialRenames;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The actions of a workspace's integrations; {@code spec} holds an {@link ActionSpec}. */
@Repository
class ActionRepository {

  private static final String INSERT =
      """
      INSERT INTO integration_actions (id, workspace_id, integration_id, slug, name, description,
                                       spec, metadata)
      VALUES (:id, :workspaceId, :integrationId, :slug, :name, :description, CAST(:spec AS jsonb),
              CAST(:metadata AS jsonb))
      """;

  private static final String UPDATE =
      """
      UPDATE integration_actions
         SET name = :name, description = :description, spec = CAST(:spec AS jsonb),
             metadata = CAST(:metadata AS jsonb), version = version + 1, updated_at = now()
       WHERE workspace_id = :workspaceId AND id = :id
      """;

  private static final String SELECT =
      """
      SELECT a.id, i.slug AS integration, a.slug, a.name, a.description, a.metadata, a.spec,
             a.version, a.created_at, a.updated_at
        FROM integration_actions a JOIN integrations i ON i.id = a.integration_id
       WHERE a.workspace_id = :workspaceId AND a.integration_id = :integrationId
      """;

  private static final String DEFINITION =
      """
      SELECT i.id AS integration_id, i.slug AS integration, i.base_url, i.credential_service,
             i.status, a.id AS action_id, a.slug AS action, a.version, a.spec
        FROM integrations i JOIN integration_actions a ON a.integration_id = i.id
       WHERE i.workspace_id = :workspaceId
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ActionRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(UUID workspaceId, UUID integrationId, UUID id, ActionFields action) {
    fields(jdbc.sql(INSERT), action)
        .param("id", id)
        .param("workspaceId", workspaceId)
        .param("integrationId", integrationId)
        .param("slug", action.slug())
        .update();
  }

  /** Replaces its fields and bumps its version; false when there is no such action. */
  boolean update(UUID workspaceId, UUID id, ActionFields action) {
    return fields(jdbc.sql(UPDATE), action)
            .param("id", id)
            .param("workspaceId", workspaceId)
            .update()
        == 1;
  }

  Optional<ActionRow> find(UUID workspaceId, UUID integrationId, String slug) {
    return jdbc.sql(SELECT + " AND a.slug = :slug")
        .param("workspaceId", workspaceId)
        .param("integrationId", integrationId)
        .param("slug", slug)
        .query(this::row)
        .optional();
  }

  /** Up to {@code limit} of the integration's actions after the cursor, newest first. */
  List<ActionRow> page(UUID workspaceId, UUID integrationId, KeysetCursor after, int limit) {
    String sql =
        SELECT
            + (after == null ? "" : " AND (a.created_at, a.id) < (:cursorAt, :cursorId)")
            + " ORDER BY a.created_at DESC, a.id DESC LIMIT :limit";
    JdbcClient.StatementSpec statement =
        jdbc.sql(sql)
            .param("workspaceId", workspaceId)
            .param("integrationId", integrationId)
            .param("limit", limit);
    if (after != null) {
      statement =
          statement
              .param("cursorAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
              .param("cursorId", after.id());
    }
    return statement.query(this::row).list();
  }

  boolean delete(UUID workspaceId, UUID id) {
    return jdbc.sql(
                "DELETE FROM integration_actions WHERE workspace_id = :workspaceId AND id = :id")
            .param("workspaceId", workspaceId)
            .param("id", id)
            .update()
        == 1;
  }

  /**
   * Makes the integration's actions read credential {@code to} where they read {@code from}: each
   * action whose templates change gets a new version.
   */
  void renameCredential(UUID workspaceId, UUID integrationId, String from, String to) {
    List<Map.Entry<UUID, String>> specs =
        jdbc.sql(
                "SELECT id, spec::text AS spec FROM integration_actions"
                    + " WHERE workspace_id = :workspaceId AND integration_id = :integrationId")
            .param("workspaceId", workspaceId)
            .param("integrationId", integrationId)
            .query((rs, row) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("spec")))
            .list();
    for (Map.Entry<UUID, String> action : specs) {
      JsonNode spec = json.readTree(action.getValue());
      JsonNode renamed = CredentialRenames.renamed(spec, Map.of(from, to));
      if (!renamed.equals(spec)) {
        jdbc.sql(
                "UPDATE integration_actions SET spec = CAST(:spec AS jsonb),"
                    + " version = version + 1, updated_at = now()"
                    + " WHERE workspace_id = :workspaceId AND id = :id")
            .param("spec", renamed.toString())
            .param("workspaceId", workspaceId)
            .param("id", action.getKey())
            .update();
      }
    }
  }

  /** The ids of the integration's actions. */
  List<UUID> ids(UUID workspaceId, UUID integrationId) {
    return jdbc.sql(
            "SELECT id FROM integration_actions WHERE workspace_id = :workspaceId"
                + " AND integration_id = :integrationId")
        .param("workspaceId", workspaceId)
        .param("integrationId", integrationId)
        .query(UUID.class)
        .list();
  }

  /** An action with what a step needs of its integration, in one query. */
  Optional<ActionDefinition> definition(UUID workspaceId, String integration, String action) {
    return definition(
        jdbc.sql(DEFINITION + " AND i.slug = :integration AND a.slug = :action")
            .param("workspaceId", workspaceId)
            .param("integration", integration)
            .param("action", action));
  }

  /** The action with this id, with what it needs of its integration. */
  Optional<ActionDefinition> definition(UUID workspaceId, UUID actionId) {
    return definition(
        jdbc.sql(DEFINITION + " AND a.id = :actionId")
            .param("workspaceId", workspaceId)
            .param("actionId", actionId));
  }

  private Optional<ActionDefinition> definition(JdbcClient.StatementSpec statement) {
    return statement
        .query(
            (rs, row) ->
                new ActionDefinition(
                    rs.getObject("integration_id", UUID.class),
                    rs.getString("integration"),
                    rs.getString("base_url"),
                    rs.getString("credential_service"),
                    rs.getString("status"),
                    rs.getObject("action_id", UUID.class),
                    rs.getString("action"),
                    rs.getInt("version"),
                    json.readValue(rs.getString("spec"), ActionSpec.class)))
        .optional();
  }

  private JdbcClient.StatementSpec fields(JdbcClient.StatementSpec statement, ActionFields action) {
    return statement
        .param("name", action.name())
        .param("description", action.description())
        .param("spec", withoutNulls(json.valueToTree(action.spec())).toString())
        .param("metadata", action.metadata().toString());
  }

  // Absent, not null: a JSON null read back into a JsonNode field would be a NullNode.
  private static JsonNode withoutNulls(ObjectNode spec) {
    for (String name : List.copyOf(spec.propertyNames())) {
      if (spec.get(name).isNull()) {
        spec.remove(name);
      }
    }
    return spec;
  }

  private ActionRow row(ResultSet rs, int row) throws SQLException {
    return new ActionRow(
        rs.getObject("id", UUID.class),
        rs.getString("integration"),
        rs.getString("slug"),
        rs.getString("name"),
        rs.getString("description"),
        json.readTree(rs.getString("metadata")),
        json.readValue(rs.getString("spec"), ActionSpec.class),
        rs.getInt("version"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  /** An action as written: its catalogue fields, checked, and its spec. */
  record ActionFields(
      String slug, String name, String description, JsonNode metadata, ActionSpec spec) {}
}
