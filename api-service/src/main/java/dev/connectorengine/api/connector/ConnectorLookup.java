package dev.connectorengine.api.connector;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connectorengine.model.connector.ConnectorSpec;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What triggering needs to know of a connector: its current version, spec and switch. The switch
 * and version are read on every trigger; a version never changes once written, so its spec is read
 * and parsed once and then kept in a bounded cache (reached only through the workspace's own
 * connector row, so a cached spec never crosses workspaces).
 */
@Component
public class ConnectorLookup {

  private static final int CACHED_VERSIONS = 10_000;

  private final ConnectorRepository connectors;
  private final ConnectorVersionRepository versionRows;
  private final Cache<VersionKey, ConnectorSpec> versions =
      Caffeine.newBuilder().maximumSize(CACHED_VERSIONS).build();

  ConnectorLookup(ConnectorRepository connectors, ConnectorVersionRepository versionRows) {
    this.versionRows = versionRows;
    this.connectors = connectors;
  }

  /** The connector's current version in this workspace, unless it does not exist there. */
  public Optional<CurrentConnector> current(UUID workspaceId, UUID connectorId) {
    return connectors
        .findSwitch(workspaceId, connectorId)
        .flatMap(
            current -> {
              ConnectorSpec spec =
                  versions.get(
                      new VersionKey(connectorId, current.currentVersion()),
                      key ->
                          versionRows.find(workspaceId, connectorId, key.version()).orElse(null));
              return Optional.ofNullable(spec)
                  .map(
                      s ->
                          new CurrentConnector(
                              connectorId, current.currentVersion(), current.enabled(), s));
            });
  }

  /**
   * One version's spec, as a run of it executes it. A cached spec is answered without reading, so
   * {@code connectorId} must come from a row of this workspace (an execution read there).
   */
  public Optional<ConnectorSpec> version(UUID workspaceId, UUID connectorId, int version) {
    return Optional.ofNullable(
        versions.get(
            new VersionKey(connectorId, version),
            key -> versionRows.find(workspaceId, connectorId, version).orElse(null)));
  }

  private record VersionKey(UUID connectorId, int version) {}

  /**
   * A connector as a trigger sees it.
   *
   * @param version the version a run triggered now executes
   */
  public record CurrentConnector(UUID id, int version, boolean enabled, ConnectorSpec spec) {}
}
