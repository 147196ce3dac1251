package dev.connectorengine.api.workspace;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.api.web.KeysetCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workspaces: the tenants. One workspace's rows are read and changed in a transaction that entered
 * it (row-level security); the admin's list of all of them goes through a function that answers one
 * page across workspaces.
 */
@Repository
class WorkspaceRepository {

  private static final String INSERT =
      """
      INSERT INTO workspaces (id, name) VALUES (:id, :name)
      """;

  private static final String FIND =
      """
      SELECT w.id, w.name, w.settings, w.created_at, w.updated_at,
             (SELECT count(*) FROM connectors c
               WHERE c.workspace_id = w.id AND c.deleted_at IS NULL AND c.action_id IS NULL)
               AS connectors,
             (SELECT count(*) FROM connector_executions e
               WHERE e.workspace_id = w.id AND e.created_at >= date_trunc('day', now(), 'UTC'))
               AS runs_today,
             (SELECT count(*) FROM connector_executions e
               WHERE e.workspace_id = w.id AND e.created_at >= date_trunc('month', now(), 'UTC'))
               AS runs_this_month
        FROM workspaces w
       WHERE w.id = :id AND w.deleted_at IS NULL
      """;

  private static final String PAGE =
      "SELECT * FROM connector_engine_admin_workspaces(:afterAt, :afterId, :limit)";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  WorkspaceRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(UUID id, String name) {
    jdbc.sql(INSERT).param("id", id).param("name", name).update();
  }

  /** The workspace, unless it does not exist or was deleted. */
  Optional<WorkspaceView> find(UUID id) {
    return jdbc.sql(FIND).param("id", id).query(this::view).optional();
  }

  /** Up to {@code limit} live workspaces after the cursor, newest first, with their usage. */
  List<WorkspaceView> page(KeysetCursor after, int limit) {
    return jdbc.sql(PAGE)
        .param("afterAt", after == null ? null : Timestamp.from(after.createdAt()))
        .param("afterId", after == null ? null : after.id())
        .param("limit", limit)
        .query(this::view)
        .list();
  }

  /** Sets its name and settings; false when it does not exist or was deleted. */
  boolean update(UUID id, String name, JsonNode settings) {
    return jdbc.sql(
                """
                UPDATE workspaces SET name = :name, settings = CAST(:settings AS jsonb),
                                      updated_at = now()
                 WHERE id = :id AND deleted_at IS NULL
                """)
            .param("id", id)
            .param("name", name)
            .param("settings", settings.toString())
            .update()
        == 1;
  }

  /**
   * Marks it deleted and revokes every key of it, at once; false when it does not exist or was
   * deleted already.
   */
  boolean markDeleted(UUID id) {
    boolean marked =
        jdbc.sql(
                    """
                    UPDATE workspaces SET deleted_at = now(), updated_at = now()
                     WHERE id = :id AND deleted_at IS NULL
                    """)
                .param("id", id)
                .update()
            == 1;
    if (marked) {
      jdbc.sql(
              "UPDATE api_keys SET revoked_at = now() WHERE workspace_id = :id"
                  + " AND revoked_at IS NULL")
          .param("id", id)
          .update();
    }
    return marked;
  }

  private WorkspaceView view(ResultSet rs, int row) throws SQLException {
    return new WorkspaceView(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        json.readTree(rs.getString("settings")),
        new WorkspaceView.Usage(
            rs.getLong("connectors"), rs.getLong("runs_today"), rs.getLong("runs_this_month")),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }
}
