package dev.connectorengine.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own for one bench, on the server of {@code DATABASE_URL}: created empty (the
 * API migrates it), dropped by {@link #close()}.
 */
final class BenchDatabase implements AutoCloseable {

  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]*)(\\?.*)?");

  private final String serverUrl;
  private final String name;
  private final String user;
  private final String password;
  private boolean dropped;

  private BenchDatabase(String serverUrl, String name, String user, String password) {
    this.serverUrl = serverUrl;
    this.name = name;
    this.user = user;
    this.password = password;
  }

  /**
   * Creates {@code ce_bench_<time>_<random>} on the server of {@code databaseUrl}.
   *
   * @throws IllegalStateException when the server does not answer or refuses
   */
  static BenchDatabase create(String databaseUrl, String user, String password) {
    Matcher matcher = URL.matcher(databaseUrl);
    if (!matcher.matches()) {
      throw new IllegalStateException(
          "DATABASE_URL " + databaseUrl + " is not of the form jdbc:postgresql://host:port/db");
    }
    String name =
        "ce_bench_"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
            + "_"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    BenchDatabase database = new BenchDatabase(matcher.group(1), name, user, password);
    database.admin("CREATE DATABASE " + name);
    return database;
  }

  String name() {
    return name;
  }

  String jdbcUrl() {
    return serverUrl + name;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user, password);
  }

  @Override
  public synchronized void close() {
    if (!dropped) {
      dropped = true;
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private void admin(String sql) {
    try (Connection connection =
            DriverManager.getConnection(serverUrl + "postgres", user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot run '" + sql + "' on " + serverUrl + "postgres as " + user + ": " + e, e);
    }
  }
}
