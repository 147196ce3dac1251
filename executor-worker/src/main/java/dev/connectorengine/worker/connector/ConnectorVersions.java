package dev.connectorengine.worker.connector;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.worker.WorkerSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * The connector versions runs execute. A version never changes once written, so each is read from
 * the database once and then kept in a bounded, least-recently-used cache.
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
  private final Map<Key, ConnectorSpec> cache;

  ConnectorVersions(JdbcClient jdbc, WorkerSettings settings) {
    this.jdbc = jdbc;
    int capacity = settings.connectorCacheSize();
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, ConnectorSpec> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The spec of one version of a workspace's connector.
   *
   * @throws ConnectorVersionUnavailableException when there is no such version or it cannot be read
   */
  public ConnectorSpec load(UUID workspaceId, UUID connectorId, int version) {
    Key key = new Key(workspaceId, connectorId, version);
    synchronized (cache) {
      ConnectorSpec cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    // Read outside the lock: two threads may read the same version at once, which is harmless.
    ConnectorSpec spec =
        jdbc.sql(SELECT)
            .param("connectorId", connectorId)
            .param("version", version)
            .param("workspaceId", workspaceId)
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
                        "connector " + connectorId + " has no version " + version));
    synchronized (cache) {
      cache.put(key, spec);
    }
    return spec;
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
