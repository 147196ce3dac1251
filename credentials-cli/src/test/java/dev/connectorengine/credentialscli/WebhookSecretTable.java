package dev.connectorengine.credentialscli;

import dev.connectorengine.testsupport.FreshDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Test rows of {@code webhook_secrets}, written and read as the API would. */
final class WebhookSecretTable {

  private final FreshDatabase database;

  WebhookSecretTable(FreshDatabase database) {
    this.database = database;
  }

  /** Stores a workspace's sealed secret and, unless null, the previous one a rotation left. */
  void aSecret(UUID workspaceId, byte[] sealed, byte[] previous) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                """
                INSERT INTO webhook_secrets
                  (workspace_id, sealed_secret, previous_sealed, previous_expires_at)
                VALUES (?, ?, ?, CASE WHEN ? THEN now() + interval '1 day' END)
                """)) {
      statement.setObject(1, workspaceId);
      statement.setBytes(2, sealed);
      statement.setBytes(3, previous);
      statement.setBoolean(4, previous != null);
      statement.executeUpdate();
    }
  }

  byte[] secret(UUID workspaceId) throws SQLException {
    return bytes("sealed_secret", workspaceId);
  }

  byte[] previous(UUID workspaceId) throws SQLException {
    return bytes("previous_sealed", workspaceId);
  }

  /** Drops the table, as on a database migrated before V7. */
  void dropTable() throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE webhook_secrets");
    }
  }

  private byte[] bytes(String column, UUID workspaceId) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT " + column + " FROM webhook_secrets WHERE workspace_id = ?")) {
      statement.setObject(1, workspaceId);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no webhook secret for workspace " + workspaceId);
        }
        return rs.getBytes(1);
      }
    }
  }
}
