package dev.connectorengine.api.integration;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.api.web.KeysetCursor;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The integrations of one workspace, by slug, and the credential types their checks read. */
@Repository
class IntegrationRepository {

  // Tags go in as a JSON array: a text[] parameter would need a driver array per call.
  private static final String TAGS =
      "ARRAY(SELECT jsonb_array_elements_text(CAST(:tags AS jsonb)))";

  private static final String INSERT =
      """
      INSERT INTO integrations (id, workspace_id, slug, name, display_name, description, base_url,
                                documentation_url, auth_type, credential_service, status, tags,
                                metadata)
      VALUES (:id, :workspaceId, :slug, :name, :displayName, :description, :baseUrl,
              :documentationUrl, :authType, :credential, :status,
      """
          + TAGS
          + ", CAST(:metadata AS jsonb))";

  private static final String UPDATE =
      """
      UPDATE integrations
         SET name = :name, display_name = :displayName, description = :description,
             base_url = :baseUrl, documentation_url = :documentationUrl, auth_type = :authType,
             credential_service = :credential, status = :status, metadata = CAST(:metadata AS jsonb),
             updated_at = now(), tags =
      """
          + TAGS
          + " WHERE workspace_id = :workspaceId AND slug = :slug";

  private static final String SELECT =
      """
      SELECT i.id, i.slug, i.name, i.display_name, i.description, i.base_url, i.documentation_url,
             i.auth_type, i.credential_service, i.status, i.tags, i.metadata, i.created_at,
             i.updated_at,
             (SELECT count(*) FROM integration_actions a WHERE a.integration_id = i.id) AS actions
        FROM integrations i
       WHERE i.workspace_id = :workspaceId
      """;

  private static final String FILTERS =
      """
       AND (CAST(:tag AS text) IS NULL OR i.tags @> ARRAY[CAST(:tag AS text)])
       AND (CAST(:status AS text) IS NULL OR i.status = :status)
       AND (CAST(:q AS text) IS NULL OR i.name ILIKE :q ESCAPE '\\' OR i.slug ILIKE :q ESCAPE '\\'
            OR i.display_name ILIKE :q ESCAPE '\\' OR i.description ILIKE :q ESCAPE '\\')
      """;

  private static final String CREDENTIAL_TYPE =
      """
      SELECT type FROM workspace_api_credentials
       WHERE workspace_id = :workspaceId AND service_name = :service
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  IntegrationRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(UUID workspaceId, UUID id, IntegrationRequest integration) {
    fields(jdbc.sql(INSERT), workspaceId, integration).param("id", id).update();
  }

  /** Replaces every field but the slug; false when there is no such integration. */
  boolean update(UUID workspaceId, String slug, IntegrationRequest integration) {
    return fields(jdbc.sql(UPDATE), workspaceId, integration).param("slug", slug).update() == 1;
  }

  Optional<IntegrationView> find(UUID workspaceId, String slug) {
    return jdbc.sql(SELECT + " AND i.slug = :slug")
        .param("workspaceId", workspaceId)
        .param("slug", slug)
        .query(this::map)
        .optional();
  }

  /** Up to {@code limit} integrations after the cursor, newest first, matching the filters. */
  List<IntegrationView> page(
      UUID workspaceId, IntegrationFilter filter, KeysetCursor after, int limit) {
    String sql =
        SELECT
            + FILTERS
            + (after == null ? "" : " AND (i.created_at, i.id) < (:cursorAt, :cursorId)")
            + " ORDER BY i.created_at DESC, i.id DESC LIMIT :limit";
    String like = filter.q() == null ? null : "%" + escapeLike(filter.q()) + "%";
    JdbcClient.StatementSpec statement =
        jdbc.sql(sql)
            .param("workspaceId", workspaceId)
            .param("tag", filter.tag())
            .param("status", filter.status())
            .param("q", like)
            .param("limit", limit);
    if (after != null) {
      statement =
          statement
              .param("cursorAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
              .param("cursorId", after.id());
    }
    return statement.query(this::map).list();
  }

  /** Deletes it, its actions with it (foreign keys cascade). */
  boolean delete(UUID workspaceId, UUID id) {
    return jdbc.sql("DELETE FROM integrations WHERE workspace_id = :workspaceId AND id = :id")
            .param("workspaceId", workspaceId)
            .param("id", id)
            .update()
        == 1;
  }

  /** The type of the workspace's credential for this service, if it has one. */
  Optional<String> credentialType(UUID workspaceId, String service) {
    return jdbc.sql(CREDENTIAL_TYPE)
        .param("workspaceId", workspaceId)
        .param("service", service)
        .query(String.class)
        .optional();
  }

  private JdbcClient.StatementSpec fields(
      JdbcClient.StatementSpec statement, UUID workspaceId, IntegrationRequest integration) {
    return statement
        .param("workspaceId", workspaceId)
        .param("slug", integration.slug())
        .param("name", integration.name())
        .param("displayName", integration.displayName())
        .param("description", integration.description())
        .param("baseUrl", integration.baseUrl())
        .param("documentationUrl", integration.documentationUrl())
        .param("authType", integration.authType())
        .param("credential", integration.credential())
        .param("status", integration.status())
        .param("tags", json.writeValueAsString(integration.tags()))
        .param("metadata", integration.metadata().toString());
  }

  private IntegrationView map(ResultSet rs, int row) throws SQLException {
    return new IntegrationView(
        rs.getObject("id", UUID.class),
        rs.getString("slug"),
        rs.getString("name"),
        rs.getString("display_name"),
        rs.getString("description"),
        rs.getString("base_url"),
        rs.getString("documentation_url"),
        rs.getString("auth_type"),
        rs.getString("credential_service"),
        rs.getString("status"),
        strings(rs.getArray("tags")),
        json.readTree(rs.getString("metadata")),
        rs.getLong("actions"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /**
   * What {@code GET /api/v1/integrations} filters on; each null when not given.
   *
   * @param tag a tag the integration has, lower-case
   * @param q text in the name, slug, display name or description, any case
   */
  record IntegrationFilter(String tag, String status, String q) {}
}
