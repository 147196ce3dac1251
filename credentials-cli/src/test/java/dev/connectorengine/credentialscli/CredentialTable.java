package dev.connectorengine.credentialscli;

import dev.connectorengine.testsupport.FreshDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/** Test rows of {@code workspace_api_credentials}, written and read as the API would. */
final class CredentialTable {

  private final FreshDatabase database;

  CredentialTable(FreshDatabase database) {
    this.database = database;
  }

  /** The environment that points the command at this database. */
  Map<String, String> env(Keyset keyset) {
    return Map.of(
        "DATABASE_URL", database.jdbcUrl(),
        "DATABASE_USER", database.username(),
        "DATABASE_PASSWORD", database.password(),
        "CREDENTIALS_KEYSET", keyset.toJson());
  }

  UUID aWorkspace() throws SQLException {
    UUID id = UUID.randomUUID();
    update("INSERT INTO workspaces (id, name) VALUES (?, 'test')", id);
    return id;
  }

  /**
   * Stores values sealed with {@code keyset} for this workspace and service; answers the row id.
   */
  UUID aCredential(Keyset keyset, UUID workspaceId, String service, Map<String, String> values)
      throws SQLException {
    return aCredentialSealedAs(
        workspaceId, service, keyset.sealer().seal(workspaceId, service, values));
  }

  /** Stores {@code sealed} as the row's values, whatever it was sealed for. */
  UUID aCredentialSealedAs(UUID workspaceId, String service, byte[] sealed) throws SQLException {
    UUID id = UUID.randomUUID();
    update(
        """
        INSERT INTO workspace_api_credentials
          (id, workspace_id, service_name, type, sealed_values, value_names)
        VALUES (?, ?, ?, 'api_key', ?, '{apiKey}')
        """,
        id,
        workspaceId,
        service,
        sealed);
    return id;
  }

  /** Adds the V4 token columns when the migrations do not have them yet. */
  void withOauthTokenColumn() throws SQLException {
    execute(
        """
        ALTER TABLE workspace_api_credentials
          ADD COLUMN IF NOT EXISTS oauth_access_token_sealed bytea,
          ADD COLUMN IF NOT EXISTS oauth_access_token_expires_at timestamptz
        """);
  }

  /** Removes the V4 token columns, as on a database migrated before V4. */
  void withoutOauthTokenColumn() throws SQLException {
    execute(
        """
        ALTER TABLE workspace_api_credentials
          DROP COLUMN IF EXISTS oauth_access_token_sealed,
          DROP COLUMN IF EXISTS oauth_access_token_expires_at
        """);
  }

  void setAccessToken(UUID rowId, byte[] sealed) throws SQLException {
    update(
        """
        UPDATE workspace_api_credentials
           SET oauth_access_token_sealed = ?, oauth_access_token_expires_at = now() + interval '1 hour'
         WHERE id = ?
        """,
        sealed,
        rowId);
  }

  byte[] sealedValues(UUID rowId) throws SQLException {
    return bytes("sealed_values", rowId);
  }

  byte[] accessToken(UUID rowId) throws SQLException {
    return bytes("oauth_access_token_sealed", rowId);
  }

  private byte[] bytes(String column, UUID rowId) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT " + column + " FROM workspace_api_credentials WHERE id = ?")) {
      statement.setObject(1, rowId);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no credential row " + rowId);
        }
        return rs.getBytes(1);
      }
    }
  }

  private void update(String sql, Object... params) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      statement.executeUpdate();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
