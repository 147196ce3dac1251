package dev.connectorengine.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A new PostgreSQL database, migrated to the current schema, dropped on {@link #close()}. Tests use
 * one per class so they never see each other's rows.
 *
 * <p>The server comes from {@code TEST_DATABASE_ADMIN_URL} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/postgres}), {@code TEST_DATABASE_USER} (default {@code
 * postgres}) and {@code TEST_DATABASE_PASSWORD} (default empty).
 *
 * <p>Migrating creates the apps' roles ({@code connector_engine_api}, {@code
 * connector_engine_worker}) on the server when they are missing: roles are shared by every database
 * there. {@link #connect()} logs in as that user, a superuser by default, which row-level security
 * does not hold: it sees every workspace's rows, as arranging and checking rows needs.
 */
public final class FreshDatabase implements AutoCloseable {

  private static final String ADMIN_URL =
      env("TEST_DATABASE_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = env("TEST_DATABASE_USER", "postgres");
  private static final String PASSWORD = env("TEST_DATABASE_PASSWORD", "");

  private final String name;

  private FreshDatabase(String name) {
    this.name = name;
  }

  /**
   * Creates an empty database with a unique name and migrates it with the project's Flyway files.
   */
  public static FreshDatabase createMigrated() {
    FreshDatabase database = createEmpty();
    Flyway.configure()
        .dataSource(database.jdbcUrl(), USER, PASSWORD)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return database;
  }

  /** Creates an empty database with a unique name, for code that migrates it itself. */
  public static FreshDatabase createEmpty() {
    String name = "ce_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin("CREATE DATABASE " + name);
    return new FreshDatabase(name.toLowerCase(Locale.ROOT));
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
  }

  public String username() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /** Opens a connection to this database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot run '" + sql + "' on " + ADMIN_URL + " as " + USER + ": " + e.getMessage(), e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
