package dev.connectorengine.model.webhook;

/**
 * The SQL both apps use on {@code webhook_secrets}: the API when a secret is read or rotated, a
 * worker when a delivery is due in a workspace whose secret nobody read yet.
 */
public final class WebhookSecretSql {

  /**
   * Creates the secret unless one exists: {@code :workspaceId}, {@code :sealed}. A concurrent
   * creator wins; read it back with {@link #SELECT}.
   */
  public static final String INSERT_IF_MISSING =
      """
      INSERT INTO webhook_secrets (workspace_id, sealed_secret)
      VALUES (:workspaceId, :sealed)
      ON CONFLICT (workspace_id) DO NOTHING
      """;

  /**
   * The secret and the previous one while it still signs: {@code :workspaceId}, {@code :now}.
   * Columns {@code sealed_secret}, {@code previous_sealed} (null when none signs any more).
   */
  public static final String SELECT =
      """
      SELECT sealed_secret,
             CASE WHEN previous_expires_at > :now THEN previous_sealed END AS previous_sealed
        FROM webhook_secrets
       WHERE workspace_id = :workspaceId
      """;

  private WebhookSecretSql() {}
}
