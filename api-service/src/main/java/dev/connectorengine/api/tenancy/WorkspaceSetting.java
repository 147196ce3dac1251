package dev.connectorengine.api.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The setting the row-level security policies read ({@code V3__row_level_security.sql}): set local
 * to a transaction, so it ends with it and never reaches the next user of the connection.
 */
final class WorkspaceSetting {

  static final String SET = "SELECT set_config('connector_engine.workspace_id', ?, true)";

  private WorkspaceSetting() {}

  static void apply(Connection connection, UUID workspaceId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SET)) {
      statement.setString(1, workspaceId.toString());
      statement.execute();
    }
  }
}
