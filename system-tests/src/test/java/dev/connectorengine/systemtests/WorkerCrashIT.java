package dev.connectorengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.systemtests.ExecutionTable.Row;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3: a worker dies (SIGKILL) with hundreds of runs in flight; the other worker's sweeper
 * returns the dead worker's runs to pending once their leases expire, and they run again, once.
 */
class WorkerCrashIT {

  private static final int RUNS = 500;

  @RegisterExtension
  static RunningSystem system =
      RunningSystem.withWorkers(2)
          .workerEnv("WORKER_LEASE", "PT4S")
          .workerEnv("WORKER_SWEEP_INTERVAL", "1s")
          .shortConsumerSessions()
          .build();

  @Test
  void runs_of_a_killed_worker_end_once_each_on_the_other_worker() {
    Workspace workspace = system.newWorkspace("worker crash");
    SlowApi api = SlowApi.stub(system, Duration.ofMillis(1_500));
    String connectorId = api.createConnector(workspace, Duration.ofMinutes(5));
    ExecutionTable table = new ExecutionTable(system.database());

    List<String> ids = Triggers.accepted(Triggers.trigger(workspace, connectorId, RUNS, 16));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> table.runningOwnedBy(RunningSystem.workerId(0)).size() >= 100);

    Instant killedAt = Instant.now();
    system.worker(0).kill();
    // The dead worker can write nothing more: these are exactly the runs it held when it died.
    Map<String, Integer> orphaned =
        table.runningOwnedBy(RunningSystem.workerId(0)).stream()
            .collect(Collectors.toMap(row -> row.id().toString(), Row::attempt));

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> table.ofConnector(connectorId).stream().allMatch(Row::terminal));

    Map<String, Row> rows = table.byId(connectorId);
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(table.statusCounts(connectorId))
        .as("runs not successful: %s", table.unsuccessful(connectorId))
        .isEqualTo(Map.of("success", (long) RUNS));
    Triggers.assertStats(workspace, connectorId, RUNS, RUNS, 0);
    assertThat(orphaned).hasSizeGreaterThanOrEqualTo(50);
    assertThat(rows.values())
        .allSatisfy(
            row -> {
              assertThat(row.leaseOwner()).as("lease owner of %s", row.id()).isNull();
              assertThat(row.stepStatuses())
                  .as("steps of %s", row.id())
                  .containsExactly("success", "success", "success");
              row.steps()
                  .forEach(
                      step ->
                          assertThat(step.path("attempts").asInt())
                              .as("attempts of %s in %s", step, row.id())
                              .isEqualTo(1));
            });
    orphaned.forEach(
        (id, attemptAtDeath) -> {
          Row row = rows.get(id);
          assertThat(row.attempt()).as("attempt of rescued %s", id).isGreaterThan(attemptAtDeath);
          // Every step record of a rescued run was written by the attempt that rescued it.
          assertThat(row.stepStarts()).as("step starts of rescued %s", id).hasSize(3);
          assertThat(row.stepStarts())
              .as("step starts of rescued %s", id)
              .allSatisfy(start -> assertThat(start).isAfter(killedAt));
        });
    Map<String, Map<String, Integer>> calls = api.callsByRun();
    assertThat(rows.values())
        .allSatisfy(
            row -> {
              Map<String, Integer> byStep = calls.getOrDefault(row.id().toString(), Map.of());
              assertThat(byStep.keySet())
                  .as("steps called by %s", row.id())
                  .containsExactlyInAnyOrderElementsOf(SlowApi.STEPS);
              if (row.attempt() == 1) {
                // A run that was never taken over called each step exactly once.
                assertThat(byStep.values()).as("calls of %s", row.id()).containsOnly(1);
              } else {
                assertThat(byStep.values())
                    .as("calls of %s on attempt %d", row.id(), row.attempt())
                    .allSatisfy(count -> assertThat(count).isBetween(1, row.attempt()));
              }
            });
    assertThat(system.worker(1).isAlive()).isTrue();
  }
}
