package dev.connectorengine.worker.fairness;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How workers share themselves between workspaces ({@code connector-engine.worker.fairness.*}).
 *
 * @param workspaceMaxRunning most runs of one workspace running at once across all workers; 0 for
 *     no limit; a workspace's {@code maxConcurrentRuns} setting overrides it ({@code
 *     WORKER_WORKSPACE_MAX_RUNNING})
 * @param maxWaiting most jobs a worker reads ahead and holds waiting for their workspace's turn;
 *     consumption pauses at it ({@code WORKER_MAX_WAITING})
 * @param maxWorking most runs a worker works on at once, not counting the runs waiting on a target
 *     or a backoff (which cost it nothing), below {@code WORKER_MAX_IN_FLIGHT}: enough to keep its
 *     CPU and connections busy, few enough that a newly admitted run is not slowed by a thousand
 *     others ({@code WORKER_MAX_WORKING})
 * @param refreshInterval how often a worker reads the workspaces' limits and counts the live
 *     workers it shares them with ({@code WORKER_FAIRNESS_REFRESH})
 */
@ConfigurationProperties("connector-engine.worker.fairness")
public record FairnessSettings(
    @DefaultValue("0") int workspaceMaxRunning,
    @DefaultValue("100000") int maxWaiting,
    @DefaultValue("12") int maxWorking,
    @DefaultValue("5s") Duration refreshInterval) {

  public FairnessSettings {
    if (workspaceMaxRunning < 0) {
      throw new IllegalArgumentException(
          "connector-engine.worker.fairness.workspace-max-running must be >= 0, was "
              + workspaceMaxRunning);
    }
    if (maxWaiting < 1) {
      throw new IllegalArgumentException(
          "connector-engine.worker.fairness.max-waiting must be >= 1, was " + maxWaiting);
    }
    if (maxWorking < 1) {
      throw new IllegalArgumentException(
          "connector-engine.worker.fairness.max-working must be >= 1, was " + maxWorking);
    }
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException(
          "connector-engine.worker.fairness.refresh-interval must be positive");
    }
  }
}
