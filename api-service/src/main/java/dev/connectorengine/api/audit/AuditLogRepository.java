package dev.connectorengine.api.audit;

import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.KeysetPages;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The audit rows of a workspace: appended, then paged newest first. */
@Repository
class AuditLogRepository {

  private static final String INSERT =
      """
      INSERT INTO audit_log (id, workspace_id, actor_key_id, action, resource_type, resource_id,
                             details)
      VALUES (:id, :workspaceId, :actorKeyId, :action, :resourceType, :resourceId, :details::jsonb)
      """;

  private static final String SELECT =
      """
      SELECT id, actor_key_id, action, resource_type, resource_id, details, created_at
        FROM audit_log
       WHERE workspace_id = :workspaceId
      """;

  private static final String FIRST_PAGE =
      SELECT + " ORDER BY created_at DESC, id DESC LIMIT :limit";

  private static final String NEXT_PAGE =
      SELECT
          + """
           AND (created_at, id) < (:cursorAt, :cursorId)
          ORDER BY created_at DESC, id DESC LIMIT :limit
          """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  AuditLogRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(
      UUID workspaceId,
      UUID actorKeyId,
      AuditAction action,
      String resourceId,
      Map<String, ?> details) {
    jdbc.sql(INSERT)
        .param("id", UUID.randomUUID())
        .param("workspaceId", workspaceId)
        .param("actorKeyId", actorKeyId)
        .param("action", action.wireName())
        .param("resourceType", action.resourceType())
        .param("resourceId", resourceId)
        .param("details", json.writeValueAsString(details))
        .update();
  }

  /**
   * Up to {@code limit} rows after the cursor, newest first. In a transaction of its own when the
   * caller has none: outside one, row-level security shows no workspace's rows.
   */
  @Transactional(readOnly = true)
  List<AuditEntry> page(UUID workspaceId, KeysetCursor after, int limit) {
    return KeysetPages.page(jdbc, FIRST_PAGE, NEXT_PAGE, workspaceId, after, limit, this::map);
  }

  private AuditEntry map(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        rs.getObject("id", UUID.class),
        rs.getObject("actor_key_id", UUID.class),
        rs.getString("action"),
        rs.getString("resource_type"),
        rs.getString("resource_id"),
        json.readTree(rs.getString("details")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
