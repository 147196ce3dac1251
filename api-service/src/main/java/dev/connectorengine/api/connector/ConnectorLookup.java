package dev.connectorengine.api.connector;

import dev.connectorengine.model.connector.ConnectorSpec;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** What triggering needs to know of a connector: its current version, spec and switch. */
@Component
public class ConnectorLookup {

  private final ConnectorRepository connectors;

  ConnectorLookup(ConnectorRepository connectors) {
    this.connectors = connectors;
  }

  /** The connector's current version in this workspace, unless it does not exist there. */
  public Optional<CurrentConnector> current(UUID workspaceId, UUID connectorId) {
    return connectors.findCurrent(workspaceId, connectorId);
  }

  /**
   * A connector as a trigger sees it.
   *
   * @param version the version a run triggered now executes
   */
  public record CurrentConnector(UUID id, int version, boolean enabled, ConnectorSpec spec) {}
}
