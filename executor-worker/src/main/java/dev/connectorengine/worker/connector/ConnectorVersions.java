package dev.connectorengine.worker.connector;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.worker.WorkerSettings;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * The connector versions runs execute. A version never changes once written, so each is read from
 * the database once and then kept in a bounded cache (Caffeine: thousands of runs starting at once
 * read it without queueing on a lock).
 */
@Component
public class ConnectorVersions {

  private static final String SELECT =
      """
      SELECT steps::text AS steps, field_mappings::text AS field_mappings,
             timeout_ms, max_retries, continue_on_error
      FROM connector_versions
      WHERE connector_id = :connectorId AND version = :version AND workspace_id = :workspaceId
      """;

  private static final TypeReference<List<StepSpec>> STEPS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final Cache<Key, ConnectorSpec> cache;

  ConnectorVersions(JdbcClient jdbc, WorkerSettings settings) {
    this.jdbc = jdbc;
    this.cache = Caffeine.newBuilder().maximumSize(settings.connectorCacheSize()).build();
  }

  /**
   * The spec of one version of a workspace's connector.
   *
   * @throws ConnectorVersionUnavailableException when there is no such version or it cannot be read
   */
  public ConnectorSpec load(UUID workspaceId, UUID connectorId, int version) {
    // A failed read (no such version) throws and caches nothing.
    return cache.get(new Key(workspaceId, connectorId, version), this::read);
  }

  private ConnectorSpec read(Key key) {
    return jdbc.sql(SELECT)
        .param("connectorId", key.connectorId())
        .param("version", key.version())
        .param("workspaceId", key.workspaceId())
        .query(
            (rs, row) ->
                new ConnectorSpec(
                    steps(rs.getString("steps"), key),
                    null,
                    ExecutionJson.read(rs.getString("field_mappings")),
                    rs.getInt("timeout_ms"),
                    rs.getInt("max_retries"),
                    rs.getBoolean("continue_on_error")))
        .optional()
        .orElseThrow(
            () ->
                new ConnectorVersionUnavailableException(
                    "connector " + key.connectorId() + " has no version " + key.version()));
  }

  private static List<StepSpec> steps(String json, Key key) {
    try {
      return ExecutionJson.mapper().readValue(json, STEPS);
    } catch (JacksonException e) {
      throw new ConnectorVersionUnavailableException(
          "steps of connector "
              + key.connectorId()
              + " version "
              + key.version()
              + " cannot be read: "
              + e.getOriginalMessage());
    }
  }

  private record Key(UUID workspaceId, UUID connectorId, int version) {}
}
