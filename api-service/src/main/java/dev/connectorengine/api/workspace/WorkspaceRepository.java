package dev.connectorengine.api.workspace;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Workspaces: the tenants. */
@Repository
class WorkspaceRepository {

  private static final String INSERT =
      """
      INSERT INTO workspaces (id, name) VALUES (:id, :name)
      """;

  private final JdbcClient jdbc;

  WorkspaceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(UUID id, String name) {
    jdbc.sql(INSERT).param("id", id).param("name", name).update();
  }
}
