package dev.connectorengine.credentialscli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Opens the connection the command works on: logs in, switches role, and finds which sealed columns
 * this schema has (V4 adds the oauth2 token column, V7 the webhook secrets; the command works
 * before and after).
 */
final class CredentialDatabase {

  private static final String ROLE_EXISTS = "SELECT 1 FROM pg_roles WHERE rolname = ?";

  private static final String SEALED_TABLE_COLUMNS =
      """
      SELECT table_name, column_name
        FROM information_schema.columns
       WHERE table_schema = current_schema()
         AND table_name = ANY (?)
      """;

  private CredentialDatabase() {}

  /**
   * A connection as the configured user, switched to the configured role.
   *
   * @throws CliException when the database cannot be reached or the role not taken
   */
  static Connection connect(DatabaseSettings settings, PrintStream log) {
    Properties properties = new Properties();
    properties.setProperty("user", settings.user());
    properties.setProperty("password", settings.password());
    properties.setProperty("ApplicationName", "connector-engine credentials");
    Connection connection;
    try {
      connection = DriverManager.getConnection(settings.url(), properties);
    } catch (SQLException e) {
      throw new CliException(
          "cannot connect to "
              + settings.displayUrl()
              + " as "
              + settings.user()
              + ": "
              + oneLine(e));
    }
    try {
      String role = roleToTake(connection, settings.role());
      if (!role.isEmpty()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET ROLE " + quoteIdentifier(role));
        }
      }
      log.printf(
          "connected to %s as %s, %s%n",
          settings.displayUrl(), settings.user(), role.isEmpty() ? "no SET ROLE" : "role " + role);
      return connection;
    } catch (SQLException e) {
      close(connection);
      throw new CliException("cannot SET ROLE on " + settings.displayUrl() + ": " + oneLine(e));
    }
  }

  /**
   * The sealed columns of every {@link SealedTable} in this schema (and readable by the role).
   *
   * @throws CliException when {@code workspace_api_credentials} is missing (or hidden from the
   *     role)
   */
  static List<SealedColumn> sealedColumns(Connection connection) throws SQLException {
    Set<String> columns = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(SEALED_TABLE_COLUMNS)) {
      statement.setArray(
          1,
          connection.createArrayOf(
              "text", Arrays.stream(SealedTable.values()).map(SealedTable::tableName).toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1) + "." + rows.getString(2));
        }
      }
    }
    if (!columns.contains(qualified(SealedColumn.VALUES))) {
      throw new CliException(
          "table workspace_api_credentials is missing or not readable here: is the database"
              + " migrated, and does the role have SELECT and UPDATE on it?");
    }
    List<SealedColumn> sealed = new ArrayList<>();
    for (SealedColumn column : SealedColumn.KNOWN) {
      if (columns.contains(qualified(column))) {
        sealed.add(column);
      }
    }
    return sealed;
  }

  private static String qualified(SealedColumn column) {
    return column.table().tableName() + "." + column.name();
  }

  /** The first line of an SQL error, which never holds a credential value. */
  static String oneLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }

  private static String roleToTake(Connection connection, String configured) throws SQLException {
    if (configured != null) {
      return configured;
    }
    // Unset: the worker role when V3 made it, since it may read and update every workspace's
    // credentials under row-level security; a database without it has no RLS to pass.
    try (PreparedStatement statement = connection.prepareStatement(ROLE_EXISTS)) {
      statement.setString(1, DatabaseSettings.WORKER_ROLE);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? DatabaseSettings.WORKER_ROLE : "";
      }
    }
  }

  private static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // The connection is being abandoned after an error already reported.
    }
  }
}
