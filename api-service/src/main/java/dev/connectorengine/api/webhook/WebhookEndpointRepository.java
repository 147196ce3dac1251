package dev.connectorengine.api.webhook;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.api.web.KeysetCursor;
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

/** The webhook endpoints of one workspace; a deleted one is kept, out of sight, for its history. */
@Repository
class WebhookEndpointRepository {

  private static final String INSERT =
      """
      INSERT INTO webhook_endpoints (id, workspace_id, url, events, connector_id)
      VALUES (:id, :workspaceId, :url, :events::text[], :connectorId)
      """;

  private static final String COLUMNS =
      """
      SELECT id, url, events, connector_id, enabled, created_at, updated_at
        FROM webhook_endpoints
       WHERE workspace_id = :workspaceId AND deleted_at IS NULL
      """;

  private static final String UPDATE =
      """
      UPDATE webhook_endpoints
         SET url = coalesce(:url, url), events = coalesce(:events::text[], events),
             enabled = coalesce(:enabled, enabled), updated_at = now()
       WHERE id = :id AND workspace_id = :workspaceId AND deleted_at IS NULL
      """;

  private static final String DELETE =
      """
      UPDATE webhook_endpoints SET deleted_at = now(), enabled = false, updated_at = now()
       WHERE id = :id AND workspace_id = :workspaceId AND deleted_at IS NULL
      """;

  private final JdbcClient jdbc;

  WebhookEndpointRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(UUID workspaceId, UUID id, String url, List<String> events, UUID connectorId) {
    jdbc.sql(INSERT)
        .param("id", id)
        .param("workspaceId", workspaceId)
        .param("url", url)
        .param("events", textArray(events))
        .param("connectorId", connectorId)
        .update();
  }

  /** Endpoints not deleted. */
  int count(UUID workspaceId) {
    return jdbc.sql(
            "SELECT count(*) FROM webhook_endpoints WHERE workspace_id = :workspaceId"
                + " AND deleted_at IS NULL")
        .param("workspaceId", workspaceId)
        .query(Integer.class)
        .single();
  }

  Optional<WebhookEndpointView> find(UUID workspaceId, UUID id) {
    return jdbc.sql(COLUMNS + " AND id = :id")
        .param("workspaceId", workspaceId)
        .param("id", id)
        .query(WebhookEndpointRepository::map)
        .optional();
  }

  /** Up to {@code limit} endpoints after the cursor, newest first. */
  List<WebhookEndpointView> page(UUID workspaceId, KeysetCursor after, int limit) {
    String sql =
        COLUMNS
            + (after == null ? "" : " AND (created_at, id) < (:cursorAt, :cursorId)")
            + " ORDER BY created_at DESC, id DESC LIMIT :limit";
    JdbcClient.StatementSpec statement =
        jdbc.sql(sql).param("workspaceId", workspaceId).param("limit", limit);
    if (after != null) {
      statement =
          statement
              .param("cursorAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
              .param("cursorId", after.id());
    }
    return statement.query(WebhookEndpointRepository::map).list();
  }

  /** Changes the fields that are not null; false when there is no such endpoint. */
  boolean update(UUID workspaceId, UUID id, String url, List<String> events, Boolean enabled) {
    return jdbc.sql(UPDATE)
            .param("id", id)
            .param("workspaceId", workspaceId)
            .param("url", url, java.sql.Types.VARCHAR)
            .param("events", events == null ? null : textArray(events), java.sql.Types.VARCHAR)
            .param("enabled", enabled, java.sql.Types.BOOLEAN)
            .update()
        == 1;
  }

  boolean delete(UUID workspaceId, UUID id) {
    return jdbc.sql(DELETE).param("id", id).param("workspaceId", workspaceId).update() == 1;
  }

  private static WebhookEndpointView map(ResultSet rs, int row) throws SQLException {
    return new WebhookEndpointView(
        rs.getObject("id", UUID.class),
        rs.getString("url"),
        Arrays.asList((String[]) rs.getArray("events").getArray()),
        rs.getObject("connector_id", UUID.class),
        rs.getBoolean("enabled"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  /** A text[] literal: the values are event wire names, checked before, never free text. */
  private static String textArray(List<String> values) {
    return "{" + String.join(",", values) + "}";
  }
}
