package dev.connectorengine.api.connector;

/**
 * A connector's operational settings, kept on its row and not in its versioned spec.
 *
 * @param enabled whether it may be triggered
 * @param maxConcurrentRuns the most runs of it running at once across all workers, or null for no
 *     limit
 */
record ConnectorSettings(boolean enabled, Integer maxConcurrentRuns) {

  /** Enabled or not, without a limit: how templates and actions make their connectors. */
  static ConnectorSettings unlimited(boolean enabled) {
    return new ConnectorSettings(enabled, null);
  }
}
