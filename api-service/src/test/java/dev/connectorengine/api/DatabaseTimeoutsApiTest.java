package dev.connectorengine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectorengine.api.tenancy.CurrentWorkspace;
import dev.connectorengine.testsupport.FreshDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The app's connections carry the database timeouts of {@code connector-engine.database.*}: here
 * set apart from their defaults, so each value seen on a connection came from configuration.
 */
@ApiIntegrationTest
@TestPropertySource(
    properties = {
      "connector-engine.database.connect-timeout=4",
      "connector-engine.database.socket-timeout=21",
      "connector-engine.database.statement-timeout=7s",
      "connector-engine.database.lock-timeout=300ms",
      "connector-engine.database.idle-in-transaction-timeout=9s"
    })
class DatabaseTimeoutsApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  final JdbcClient owner = TestDatabase.asOwner(DB);
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired CurrentWorkspace current;
  @Autowired Flyway flyway;

  @AfterEach
  void leaveTheWorkspace() {
    current.clear();
  }

  @Test
  void a_pooled_connection_carries_the_configured_server_timeouts() {
    assertThat(show("statement_timeout")).isEqualTo("7s");
    assertThat(show("lock_timeout")).isEqualTo("300ms");
    assertThat(show("idle_in_transaction_session_timeout")).isEqualTo("9s");
  }

  @Test
  void a_pooled_connection_carries_the_configured_driver_timeouts() throws SQLException {
    assertThat(dataSource).isInstanceOf(HikariDataSource.class);
    assertThat(((HikariDataSource) dataSource).getDataSourceProperties())
        .containsEntry("connectTimeout", "4")
        .containsEntry("socketTimeout", "21")
        .containsEntry("tcpKeepAlive", "true");
    try (Connection connection = dataSource.getConnection()) {
      // The driver's socket read timeout, as it set it on the socket.
      assertThat(connection.getNetworkTimeout()).isEqualTo(21_000);
    }
  }

  @Test
  void a_statement_blocked_on_a_row_lock_fails_after_the_lock_timeout() throws SQLException {
    UUID workspace = UUID.randomUUID();
    UUID connector = UUID.randomUUID();
    owner.sql("INSERT INTO workspaces (id, name) VALUES (?, 'locked')").param(workspace).update();
    owner
        .sql(
            """
            INSERT INTO connectors (id, workspace_id, name, current_version)
            VALUES (?, ?, 'locked', 1)
            """)
        .params(connector, workspace)
        .update();
    current.set(workspace);

    try (Connection holder = DB.connect()) {
      holder.setAutoCommit(false);
      try (Statement lock = holder.createStatement()) {
        // Should no timeout hold, the app's update waits for this lock: the server ends this
        // session after a while, so the update goes through and the test fails rather than hangs.
        lock.execute("SET idle_in_transaction_session_timeout = '20s'");
        lock.execute("SELECT 1 FROM connectors WHERE id = '" + connector + "' FOR UPDATE");
      }

      assertThatThrownBy(
              () ->
                  new TransactionTemplate(transactions)
                      .executeWithoutResult(
                          status ->
                              jdbc.sql("UPDATE connectors SET name = 'renamed' WHERE id = ?")
                                  .param(connector)
                                  .update()))
          .isInstanceOf(DataAccessException.class)
          .rootCause()
          .hasMessageContaining("canceling statement due to lock timeout");
      holder.rollback();
    }
  }

  @Test
  void migrations_are_not_bound_by_the_apps_statement_timeout() throws SQLException {
    try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
        var rows = connection.createStatement().executeQuery("SHOW statement_timeout")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("0");
    }
  }

  private String show(String setting) {
    return jdbc.sql("SHOW " + setting).query(String.class).single();
  }
}
