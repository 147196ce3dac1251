package dev.connectorengine.api.auth;

import java.sql.Types;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The admin's reads and writes of one key: of a live workspace only, revoked or not. */
@Repository
class AdminApiKeyRepository {

  private static final String LIVE_WORKSPACE =
      " AND EXISTS (SELECT 1 FROM workspaces w WHERE w.id = :workspaceId AND w.deleted_at IS NULL)";

  private static final String SET_RUN_LIMITS =
      """
      UPDATE api_keys SET runs_per_day = :runsPerDay, runs_per_month = :runsPerMonth
       WHERE id = :id AND workspace_id = :workspaceId
      RETURNING id, name, prefix, scopes, created_at, last_used_at, revoked_at, expires_at,
                connector_ids, runs_per_day, runs_per_month
      """;

  private final JdbcClient jdbc;

  AdminApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A key of a workspace that is not deleted; empty when there is none such. */
  Optional<ApiKeyView> find(UUID workspaceId, UUID id) {
    return jdbc.sql(ApiKeyRepository.FIND + LIVE_WORKSPACE)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .query(ApiKeyRepository::view)
        .optional();
  }

  /** Sets a key's run limits (null: none of its own); empty when the workspace has no such key. */
  Optional<ApiKeyView> setRunLimits(UUID workspaceId, UUID id, Long runsPerDay, Long runsPerMonth) {
    return jdbc.sql(SET_RUN_LIMITS)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .param("runsPerDay", runsPerDay, Types.BIGINT)
        .param("runsPerMonth", runsPerMonth, Types.BIGINT)
        .query(ApiKeyRepository::view)
        .optional();
  }
}
