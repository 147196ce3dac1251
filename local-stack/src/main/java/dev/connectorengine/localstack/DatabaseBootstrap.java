package dev.connectorengine.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure the PostgreSQL database of a JDBC URL exists, creating it when the server has not. */
final class DatabaseBootstrap {

  private static final Logger log = LoggerFactory.getLogger(DatabaseBootstrap.class);
  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]+)(\\?.*)?");
  private static final String INVALID_CATALOG = "3D000";

  private DatabaseBootstrap() {}

  /**
   * Connects to {@code url}; when the database does not exist, connects to the server's {@code
   * postgres} database and creates it.
   *
   * @throws LocalStackException saying how to start a server when none answers
   */
  static void ensureExists(String url, String user, String password) {
    try (Connection ignored = DriverManager.getConnection(url, user, password)) {
      log.info("PostgreSQL database at {} is there", url);
    } catch (SQLException e) {
      if (!INVALID_CATALOG.equals(e.getSQLState())) {
        throw unreachable(url, e);
      }
      create(url, user, password);
    }
  }

  private static void create(String url, String user, String password) {
    Matcher matcher = URL.matcher(url);
    if (!matcher.matches()) {
      throw new LocalStackException(
          "DATABASE_URL " + url + " is not of the form jdbc:postgresql://host:port/database");
    }
    String database = matcher.group(2);
    String adminUrl =
        matcher.group(1) + "postgres" + (matcher.group(3) == null ? "" : matcher.group(3));
    try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
      log.info("created PostgreSQL database {}", database);
    } catch (SQLException e) {
      throw new LocalStackException(
          "database '"
              + database
              + "' does not exist and creating it through "
              + adminUrl
              + " as "
              + user
              + " failed: "
              + e.getMessage()
              + "\nCreate it yourself (createdb "
              + database
              + ") or set DATABASE_URL to an existing one.",
          e);
    }
  }

  private static LocalStackException unreachable(String url, SQLException e) {
    return new LocalStackException(
        """
        No PostgreSQL server answers at %s (%s).
        Connector Engine needs PostgreSQL (15 or newer). Start one, then run bin/run-local again:
          Debian/Ubuntu:  sudo pg_ctlcluster $(ls /etc/postgresql) main start   (or: sudo systemctl start postgresql)
          macOS:          brew services start postgresql@17
          Docker:         docker run -d --name ce-postgres -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:17
        or point DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD at a server that runs."""
            .formatted(url, e.getMessage()),
        e);
  }
}
