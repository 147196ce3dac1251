package dev.connectorengine.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL on 127.0.0.1:5432. */
class DatabaseBootstrapTest {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  @Test
  void creates_the_database_when_the_server_has_none_and_accepts_it_the_second_time()
      throws Exception {
    String name = "ce_localstack_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try {
      DatabaseBootstrap.ensureExists(SERVER + name, "postgres", "");
      DatabaseBootstrap.ensureExists(SERVER + name, "postgres", "");

      try (Connection connection = DriverManager.getConnection(SERVER + name, "postgres", "")) {
        assertThat(connection.getCatalog()).isEqualTo(name);
      }
    } finally {
      try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
          Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  @Test
  void says_how_to_start_postgresql_when_no_server_answers() {
    String url = "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/connector_engine";

    assertThatThrownBy(() -> DatabaseBootstrap.ensureExists(url, "postgres", ""))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("No PostgreSQL server answers at " + url)
        .hasMessageContaining("pg_ctlcluster")
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  void names_the_process_in_the_jdbc_url() {
    assertThat(LocalStack.withApplicationName("jdbc:postgresql://h/db", "worker-1"))
        .isEqualTo("jdbc:postgresql://h/db?ApplicationName=worker-1");
    assertThat(LocalStack.withApplicationName("jdbc:postgresql://h/db?ssl=false", "api"))
        .isEqualTo("jdbc:postgresql://h/db?ssl=false&ApplicationName=api");
  }
}
