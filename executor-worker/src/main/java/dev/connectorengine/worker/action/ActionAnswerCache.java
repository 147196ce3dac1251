package dev.connectorengine.worker.action;

import dev.connectorengine.model.execution.ExecutionJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Successful answers of cacheable actions, per workspace, action and input: reused while they are
 * fresh and of the action's current version. Answers are stored redacted, as step records are.
 * Expired rows are deleted in bounded batches by the sweeper.
 */
@Repository
public class ActionAnswerCache {

  private final JdbcClient jdbc;

  public ActionAnswerCache(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A fresh answer for this input of this version of the action, if one is kept. */
  public Optional<CachedAnswer> find(
      UUID workspaceId, UUID actionId, int actionVersion, byte[] inputHash, Instant now) {
    return jdbc.sql(
            """
            SELECT http_status, body::text AS body, headers::text AS headers
              FROM action_answer_cache
             WHERE workspace_id = ? AND action_id = ? AND input_hash = ?
               AND action_version = ? AND expires_at > ?
            """)
        .params(workspaceId, actionId, inputHash, actionVersion, java.sql.Timestamp.from(now))
        .query(
            (rs, row) ->
                new CachedAnswer(
                    rs.getInt("http_status"),
                    ExecutionJson.read(rs.getString("body")),
                    ExecutionJson.read(rs.getString("headers"))))
        .optional();
  }

  /**
   * Keeps an answer for {@code ttl} from {@code now}, replacing any earlier one; nothing for a
   * deleted workspace, whose rows are being purged.
   */
  public void store(
      UUID workspaceId,
      UUID actionId,
      int actionVersion,
      byte[] inputHash,
      CachedAnswer answer,
      Instant now,
      Duration ttl) {
    jdbc.sql(
            """
            INSERT INTO action_answer_cache (workspace_id, action_id, input_hash, action_version,
                                             http_status, body, headers, expires_at)
            SELECT ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?
             WHERE NOT EXISTS (SELECT 1 FROM workspaces w WHERE w.id = ? AND w.deleted_at IS NOT NULL)
            ON CONFLICT (workspace_id, action_id, input_hash) DO UPDATE
               SET action_version = EXCLUDED.action_version, http_status = EXCLUDED.http_status,
                   body = EXCLUDED.body, headers = EXCLUDED.headers,
                   expires_at = EXCLUDED.expires_at
            """)
        .params(
            workspaceId,
            actionId,
            inputHash,
            actionVersion,
            answer.status(),
            answer.body() == null ? null : ExecutionJson.write(answer.body()),
            ExecutionJson.write(answer.headers()),
            java.sql.Timestamp.from(now.plus(ttl)),
            workspaceId)
        .update();
  }

  /** Deletes up to {@code limit} expired answers; how many went. */
  public int deleteExpired(Instant now, int limit) {
    return jdbc.sql(
            """
            DELETE FROM action_answer_cache
             WHERE ctid = ANY (ARRAY(SELECT ctid FROM action_answer_cache
                                      WHERE expires_at <= ? LIMIT ?))
            """)
        .params(java.sql.Timestamp.from(now), limit)
        .update();
  }

  /**
   * A kept answer.
   *
   * @param body the answer's body as parsed JSON (or a string node), redacted; null when empty
   * @param headers lower-cased header name to its values joined by {@code ", "}
   */
  public record CachedAnswer(int status, JsonNode body, JsonNode headers) {}
}
