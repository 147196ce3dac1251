package dev.connectorengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.systemtests.ExecutionTable.Row;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3: every database connection of the only worker is cut while it runs work. It must recover
 * by itself (new connections, runs given back or retried), with no run left running and no restart.
 */
class DatabaseConnectionsCutIT {

  private static final String WORKER = RunningSystem.workerId(0);
  private static final int RUNS_BEFORE = 200;
  private static final int RUNS_AFTER = 20;

  @RegisterExtension
  static RunningSystem system =
      RunningSystem.withWorkers(1)
          .workerEnv("WORKER_LEASE", "PT5S")
          .workerEnv("WORKER_SWEEP_INTERVAL", "1s")
          .workerEnv("WORKER_REPUBLISH_AFTER", "5s")
          .build();

  @Test
  void worker_whose_connections_are_cut_mid_run_recovers_and_ends_every_run() {
    Workspace workspace = system.newWorkspace("connections cut");
    SlowApi api = SlowApi.stub(system, Duration.ofMillis(100));
    String connectorId = api.createConnector(workspace, Duration.ofMinutes(5));
    ExecutionTable table = new ExecutionTable(system.database());
    long pid = system.worker(0).pid();

    int cut;
    List<String> first;
    // With the statistics locked, the worker's terminal batches wait inside their transaction
    // (one per batcher thread, each holding many runs): the cut then hits open transactions
    // (whose rollback fails too), claims, step writes and idle connections.
    try (var statistics = table.lockStatistics()) {
      first = Triggers.accepted(Triggers.trigger(workspace, connectorId, RUNS_BEFORE, 8));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> table.waitingForLocks(WORKER) >= 2);
      cut = table.terminateConnections(WORKER);
    }

    assertThat(cut).as("connections of %s cut", WORKER).isPositive();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> table.ofConnector(connectorId).stream().allMatch(Row::terminal));
    // Work arriving after the cut runs on the same process: it recovered without a restart.
    List<String> after = Triggers.accepted(Triggers.trigger(workspace, connectorId, RUNS_AFTER, 4));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> table.ofConnector(connectorId).stream().allMatch(Row::terminal));

    assertThat(system.worker(0).isAlive()).isTrue();
    assertThat(system.worker(0).pid()).isEqualTo(pid);
    assertThat(table.connections(WORKER)).as("connections of %s now", WORKER).isPositive();
    Map<String, Row> rows = table.byId(connectorId);
    assertThat(rows.keySet())
        .containsAll(first)
        .containsAll(after)
        .hasSize(RUNS_BEFORE + RUNS_AFTER);
    assertThat(table.statusCounts(connectorId))
        .as("runs not successful: %s", table.unsuccessful(connectorId))
        .isEqualTo(Map.of("success", (long) RUNS_BEFORE + RUNS_AFTER));
    Triggers.assertStats(
        workspace, connectorId, RUNS_BEFORE + RUNS_AFTER, RUNS_BEFORE + RUNS_AFTER, 0);
    assertThat(rows.values())
        .allSatisfy(
            row -> {
              assertThat(row.leaseOwner()).as("lease owner of %s", row.id()).isNull();
              assertThat(row.stepStatuses())
                  .as("steps of %s", row.id())
                  .containsExactly("success", "success", "success");
            });
    assertThat(after).allSatisfy(id -> assertThat(rows.get(id).attempt()).isEqualTo(1));
  }
}
