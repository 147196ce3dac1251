package dev.connectorengine.credentialscli;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A table holding sealed values: how the re-seal command walks it (by {@code keyColumn}, in
 * batches), which columns name a row's associated data, and how a row is named in a report.
 */
enum SealedTable {

  /** Credentials' values and cached oauth2 tokens, a row per credential. */
  CREDENTIALS("credentials", "workspace_api_credentials", "id", "id, workspace_id, service_name") {
    @Override
    SealedRow.Identity identity(ResultSet rs) throws SQLException {
      return new SealedRow.Identity(
          rs.getObject("id", UUID.class),
          rs.getObject("workspace_id", UUID.class),
          rs.getString("service_name"));
    }

    @Override
    String describe(SealedRow.Identity row) {
      return "row %s (workspace %s, service %s)"
          .formatted(row.key(), row.workspaceId(), row.serviceName());
    }
  },

  /** Webhook signing secrets (V7), a row per workspace: the secret and the previous one. */
  WEBHOOK_SECRETS("webhook secrets", "webhook_secrets", "workspace_id", "workspace_id") {
    @Override
    SealedRow.Identity identity(ResultSet rs) throws SQLException {
      UUID workspaceId = rs.getObject("workspace_id", UUID.class);
      return new SealedRow.Identity(workspaceId, workspaceId, null);
    }

    @Override
    String describe(SealedRow.Identity row) {
      return "workspace " + row.workspaceId();
    }
  };

  private final String label;
  private final String tableName;
  private final String keyColumn;
  private final String identityColumns;

  SealedTable(String label, String tableName, String keyColumn, String identityColumns) {
    this.label = label;
    this.tableName = tableName;
    this.keyColumn = keyColumn;
    this.identityColumns = identityColumns;
  }

  /** What the report calls it. */
  String label() {
    return label;
  }

  String tableName() {
    return tableName;
  }

  /** The uuid primary key the batches are ordered and resumed by. */
  String keyColumn() {
    return keyColumn;
  }

  /** The columns {@link #identity} reads, as a select list. */
  String identityColumns() {
    return identityColumns;
  }

  /** Which row this is, read from its {@link #identityColumns}. */
  abstract SealedRow.Identity identity(ResultSet rs) throws SQLException;

  /** The row as a report names it: ids only, never a value. */
  abstract String describe(SealedRow.Identity row);
}
