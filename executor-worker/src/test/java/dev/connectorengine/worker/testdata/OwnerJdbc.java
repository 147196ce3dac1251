package dev.connectorengine.worker.testdata;

import dev.connectorengine.testsupport.FreshDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The test database as its owner, the login user: past row-level security, for arranging rows
 * (workspaces, connectors) the worker role may not write, and for reading them back. The code under
 * test keeps its own connections, which act as {@code connector_engine_worker}. A {@link
 * WorkerSpringTest} has it as a bean: {@code @Autowired @Owner JdbcClient jdbc}.
 */
public final class OwnerJdbc {

  private OwnerJdbc() {}

  public static JdbcClient of(FreshDatabase database) {
    return JdbcClient.create(
        new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
  }
}
