package dev.connectorengine.worker.retention;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deleted workspaces the purge still has to empty, and the end of a purge: the workspace row
 * marked purged (its tombstone) and one audit row, both in one transaction.
 */
@Repository
class DeletedWorkspaces {

  /** Deleted long enough ago that every run of theirs has ended; oldest first. */
  private static final String TO_PURGE =
      """
      SELECT id FROM workspaces
       WHERE deleted_at IS NOT NULL AND purged_at IS NULL
         AND deleted_at <= now() - make_interval(secs => :afterSeconds)
       ORDER BY deleted_at
       LIMIT :limit
      """;

  private static final String MARK_PURGED =
      """
      UPDATE workspaces SET purged_at = now()
       WHERE id = :id AND deleted_at IS NOT NULL AND purged_at IS NULL
      """;

  // The system acted: no key (actor_key_id null) and "actor": "system" in the details.
  private static final String AUDIT =
      """
      INSERT INTO audit_log (id, workspace_id, actor_key_id, action, resource_type, resource_id,
                             details)
      VALUES (gen_random_uuid(), :id, NULL, 'workspace.purged', 'workspace', :id::text,
              CAST(:details AS jsonb))
      """;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final JsonMapper json;

  DeletedWorkspaces(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
  }

  /** Up to {@code limit} workspaces deleted at least {@code afterSeconds} ago and not purged. */
  List<UUID> toPurge(long afterSeconds, int limit) {
    return jdbc.sql(TO_PURGE)
        .param("afterSeconds", afterSeconds)
        .param("limit", limit)
        .query(UUID.class)
        .list();
  }

  /**
   * Marks the workspace purged and audits the rows deleted per table; false when another worker
   * finished it first.
   */
  boolean finish(UUID id, Map<String, Long> rows) {
    String details = json.writeValueAsString(Map.of("actor", "system", "rows", rows));
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              if (jdbc.sql(MARK_PURGED).param("id", id).update() == 0) {
                return false;
              }
              jdbc.sql(AUDIT).param("id", id).param("details", details).update();
              return true;
            }));
  }
}
