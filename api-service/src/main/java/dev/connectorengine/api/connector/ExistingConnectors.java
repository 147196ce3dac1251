package dev.connectorengine.api.connector;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which of some ids name connectors of a workspace that are not deleted, for features that keep
 * connector ids of their own (an API key limited to some connectors). Actions' own connectors
 * count: they are triggered like any other.
 */
@Repository
public class ExistingConnectors {

  private static final String EXISTING =
      """
      SELECT id FROM connectors
       WHERE workspace_id = :workspaceId AND deleted_at IS NULL AND id IN (:ids)
      """;

  private final JdbcClient jdbc;

  ExistingConnectors(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Those of {@code ids} that are live connectors of the workspace. */
  public Set<UUID> of(UUID workspaceId, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql(EXISTING)
            .param("workspaceId", workspaceId)
            .param("ids", ids)
            .query(UUID.class)
            .list());
  }
}
