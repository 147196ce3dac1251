package dev.connectorengine.api.webhook;

import dev.connectorengine.model.webhook.WebhookSecretSql;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sealed signing secret of a workspace. */
@Repository
class WebhookSecretRepository {

  private static final String ROTATE =
      """
      UPDATE webhook_secrets
         SET previous_sealed = sealed_secret, previous_expires_at = :previousUntil,
             sealed_secret = :sealed, rotated_at = :now
       WHERE workspace_id = :workspaceId
      """;

  private final JdbcClient jdbc;

  WebhookSecretRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The current sealed secret, if the workspace has one. */
  Optional<byte[]> current(UUID workspaceId, Instant now) {
    return jdbc.sql(WebhookSecretSql.SELECT)
        .param("workspaceId", workspaceId)
        .param("now", at(now))
        .query((rs, row) -> rs.getBytes("sealed_secret"))
        .optional();
  }

  /**
   * Stores the secret unless the workspace has one; false when it had (a concurrent first read).
   */
  boolean insertIfMissing(UUID workspaceId, byte[] sealed) {
    return jdbc.sql(WebhookSecretSql.INSERT_IF_MISSING)
            .param("workspaceId", workspaceId)
            .param("sealed", sealed)
            .update()
        == 1;
  }

  /** Replaces the secret; the one it replaces signs too until {@code previousUntil}. */
  boolean rotate(UUID workspaceId, byte[] sealed, Instant now, Instant previousUntil) {
    return jdbc.sql(ROTATE)
            .param("workspaceId", workspaceId)
            .param("sealed", sealed)
            .param("now", at(now))
            .param("previousUntil", at(previousUntil))
            .update()
        == 1;
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
