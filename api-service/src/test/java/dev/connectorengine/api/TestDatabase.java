package dev.connectorengine.api;

import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.testsupport.FreshDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the app at a test class's fresh database (which the app migrates) and a keyset. */
public final class TestDatabase {

  private static final String KEYSET = CredentialSealer.generateKeysetJson();

  private TestDatabase() {}

  public static void register(FreshDatabase database, DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", database::jdbcUrl);
    registry.add("spring.datasource.username", database::username);
    registry.add("spring.datasource.password", database::password);
    registry.add("connector-engine.credentials.keyset", () -> KEYSET);
  }

  /**
   * SQL as the login user (a superuser, the tables' owner), for arranging and checking rows of any
   * workspace: the app's own connections act as a role that row-level security holds to one.
   */
  public static JdbcClient asOwner(FreshDatabase database) {
    return JdbcClient.create(
        new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
  }
}
