package dev.connectorengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.systemtests.ExecutionTable.Row;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker dies (SIGKILL) with hundreds of runs in flight, with default settings: the other
 * worker's sweeper sees its liveness expire within seconds and takes its runs back, and each run
 * resumes at the step it was on. Every run ends once, no finished step is called again, and the
 * last run ends within 10 s of the kill plus a run's own duration.
 */
class WorkerCrashIT {

  private static final Logger log = LoggerFactory.getLogger(WorkerCrashIT.class);
  private static final int RUNS = 300;
  private static final Duration STEP = Duration.ofMillis(1_500);
  private static final Duration RUN = STEP.multipliedBy(SlowApi.STEPS.size());
  private static final Duration RECOVERY = Duration.ofSeconds(10);

  @RegisterExtension static RunningSystem system = RunningSystem.withWorkers(2).build();

  @Test
  void runs_of_a_killed_worker_resume_elsewhere_within_seconds_at_the_step_they_were_on() {
    Workspace workspace = system.newWorkspace("worker crash");
    SlowApi api = SlowApi.stub(system, STEP);
    String connectorId = api.createConnector(workspace, Duration.ofMinutes(5));
    ExecutionTable table = new ExecutionTable(system.database());

    List<String> ids = Triggers.triggerBatch(workspace, connectorId, RUNS);
    // Wait until the doomed worker holds runs past their first step, so resuming shows.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                table.runningOwnedBy(RunningSystem.workerId(0)).stream()
                        .filter(row -> !row.succeededSteps().isEmpty())
                        .count()
                    >= 50);

    system.worker(0).kill();
    Instant killedAt = table.databaseNow();
    // The dead worker can write nothing more: these are exactly the runs it held when it died.
    Map<String, Row> orphaned =
        table.runningOwnedBy(RunningSystem.workerId(0)).stream()
            .collect(Collectors.toMap(row -> row.id().toString(), row -> row));

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> table.ofConnector(connectorId).stream().allMatch(Row::terminal));

    Map<String, Row> rows = table.byId(connectorId);
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(table.statusCounts(connectorId))
        .as("runs not successful: %s", table.unsuccessful(connectorId))
        .isEqualTo(Map.of("success", (long) RUNS));
    Triggers.assertStats(workspace, connectorId, RUNS, RUNS, 0);
    assertThat(orphaned).hasSizeGreaterThanOrEqualTo(50);

    Map<String, Map<String, Integer>> calls = api.callsByRun();
    orphaned.forEach(
        (id, atDeath) -> {
          Row row = rows.get(id);
          Map<String, Integer> byStep = calls.get(id);
          assertThat(row.attempt())
              .as("attempt of rescued %s", id)
              .isEqualTo(atDeath.attempt() + 1);
          // Steps it had finished are never called again; the one in flight at most twice.
          for (String step : SlowApi.STEPS) {
            int expected = atDeath.succeededSteps().contains(step) ? 1 : 2;
            assertThat(byStep.getOrDefault(step, 0))
                .as(
                    "calls of step %s of rescued %s (finished before the kill: %s)",
                    step, id, atDeath.succeededSteps())
                .isBetween(1, expected);
          }
          for (String finished : atDeath.succeededSteps()) {
            assertThat(row.stepStart(finished))
                .as("record of %s, finished before the kill, kept", finished)
                .isEqualTo(atDeath.stepStart(finished));
          }
        });
    rows.values().stream()
        .filter(row -> !orphaned.containsKey(row.id().toString()))
        .forEach(
            row ->
                assertThat(calls.get(row.id().toString()).values())
                    .as("calls of %s, never taken over", row.id())
                    .containsOnly(1));

    Instant lastResumed =
        orphaned.values().stream()
            .map(atDeath -> resumedAt(rows.get(atDeath.id().toString()), atDeath))
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    Instant lastEnded =
        rows.values().stream().map(Row::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
    Duration running = Duration.between(killedAt, lastResumed);
    Duration ended = Duration.between(killedAt, lastEnded);
    log.info(
        "SIGKILL with {} runs in flight on the killed worker: every one running elsewhere {} ms"
            + " after the kill, the last one ended {} ms after it (a run takes {} ms)",
        orphaned.size(),
        running.toMillis(),
        ended.toMillis(),
        RUN.toMillis());
    assertThat(running).as("kill to the last run running elsewhere").isLessThan(RECOVERY);
    assertThat(ended).as("kill to the last run's end").isLessThan(RECOVERY.plus(RUN));
    assertThat(system.worker(1).isAlive()).isTrue();
  }

  /** When the rescued run started the step it resumed at (the first one not finished at death). */
  private static Instant resumedAt(Row rescued, Row atDeath) {
    return SlowApi.STEPS.stream()
        .filter(step -> !atDeath.succeededSteps().contains(step))
        .findFirst()
        .map(rescued::stepStart)
        .orElse(null);
  }
}
