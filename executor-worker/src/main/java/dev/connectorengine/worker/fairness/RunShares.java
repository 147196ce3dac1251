package dev.connectorengine.worker.fairness;

import dev.connectorengine.worker.database.ControlDatabase;
import dev.connectorengine.worker.liveness.LiveWorkers;
import dev.connectorengine.worker.periodic.PeriodicTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This worker's share of each workspace's and each connector's limit of running runs: the limit (a
 * workspace's {@code maxConcurrentRuns} setting, else {@code WORKER_WORKSPACE_MAX_RUNNING}; a
 * connector's {@code maxConcurrentRuns}) divided among the live workers, rounded up so that every
 * worker may run at least one. Workers share no counter: across N workers a workspace runs at most
 * its limit rounded up to a multiple of N, and while workers come and go the shares follow within
 * one refresh. Read from the database every refresh interval, never on a run's path.
 */
@Component
public class RunShares implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunShares.class);

  private static final String CONNECTOR_LIMITS =
      """
      SELECT id, max_concurrent_runs FROM connectors
       WHERE max_concurrent_runs IS NOT NULL AND deleted_at IS NULL
      """;

  private static final String WORKSPACE_LIMITS =
      """
      SELECT id, (settings ->> 'maxConcurrentRuns')::int
        FROM workspaces
       WHERE settings ->> 'maxConcurrentRuns' IS NOT NULL AND deleted_at IS NULL
      """;

  private final ControlDatabase database;
  private final LiveWorkers liveWorkers;
  private final FairnessSettings settings;
  private final PeriodicTask task;
  private volatile Map<UUID, Integer> workspaceLimits = Map.of();
  private volatile Map<UUID, Integer> connectorLimits = Map.of();
  private volatile int workers = 1;

  RunShares(ControlDatabase database, LiveWorkers liveWorkers, FairnessSettings settings) {
    this.database = database;
    this.liveWorkers = liveWorkers;
    this.settings = settings;
    this.task = new PeriodicTask("run-shares", settings.refreshInterval(), this::refresh);
  }

  /** How many runs of the workspace this worker may run at once. */
  public int ofWorkspace(UUID workspaceId) {
    Integer own = workspaceId == null ? null : workspaceLimits.get(workspaceId);
    return share(own == null ? settings.workspaceMaxRunning() : own);
  }

  /** How many runs of the connector this worker may run at once. */
  public int ofConnector(UUID connectorId) {
    Integer own = connectorId == null ? null : connectorLimits.get(connectorId);
    return share(own == null ? 0 : own);
  }

  private int share(int limit) {
    if (limit <= 0) {
      return Integer.MAX_VALUE;
    }
    int sharedBy = workers;
    return (limit + sharedBy - 1) / sharedBy;
  }

  /** Reads the limits and the live workers again. */
  public void refresh() {
    int live = liveWorkers.countNow();
    workspaceLimits = limits(WORKSPACE_LIMITS);
    connectorLimits = limits(CONNECTOR_LIMITS);
    workers = Math.max(1, live);
  }

  private Map<UUID, Integer> limits(String sql) {
    Map<UUID, Integer> read = new HashMap<>();
    database
        .jdbc()
        .sql(sql)
        .query((row, n) -> read.put(row.getObject(1, UUID.class), row.getInt(2)))
        .list();
    return Map.copyOf(read);
  }

  @Override
  public void start() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn(
          "could not read the workspaces' run limits yet; no limits until the next refresh: {}",
          e.toString());
    }
    task.start();
  }

  @Override
  public void stop() {
    task.stop(Duration.ofSeconds(2));
  }

  @Override
  public boolean isRunning() {
    return task.isRunning();
  }
}
