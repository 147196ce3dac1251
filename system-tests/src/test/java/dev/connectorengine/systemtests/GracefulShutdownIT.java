package dev.connectorengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.systemtests.ExecutionTable.Row;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 3: SIGTERM to one of two workers under load. It stops consuming, lets runs finish for its
 * shutdown grace, then gives the rest back, and the other worker finishes them at once: long before
 * their leases (the default 60 s) could have expired.
 */
class GracefulShutdownIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String STOPPING = RunningSystem.workerId(0);

  @RegisterExtension
  static RunningSystem system =
      RunningSystem.withWorkers(2)
          .workerEnv("WORKER_LEASE", "PT60S")
          .workerEnv("WORKER_SHUTDOWN_GRACE", "PT2S")
          .build();

  @Test
  void sigterm_gives_unfinished_runs_back_and_the_other_worker_finishes_them() {
    Workspace workspace = system.newWorkspace("graceful shutdown");
    // 3 x 2.5 s per run against a 2 s grace: runs caught early cannot finish in time.
    SlowApi api = SlowApi.stub(system, Duration.ofMillis(2_500));
    String connectorId = api.createConnector(workspace, Duration.ofMinutes(5));
    ExecutionTable table = new ExecutionTable(system.database());

    List<String> ids = Triggers.accepted(Triggers.trigger(workspace, connectorId, 200, 16));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> table.runningOwnedBy(STOPPING).size() >= 30);
    system.worker(0).terminate();
    long terminatedAt = System.nanoTime();
    Map<String, Integer> heldAtSigterm =
        table.runningOwnedBy(STOPPING).stream()
            .collect(Collectors.toMap(row -> row.id().toString(), Row::attempt));

    assertThat(system.worker(0).awaitExit(Duration.ofSeconds(30)))
        .as("%s exits after its grace; log tail:%n%s", STOPPING, system.worker(0).logTail(40))
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(45).minusNanos(System.nanoTime() - terminatedAt))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> table.ofConnector(connectorId).stream().allMatch(Row::terminal));

    Map<String, Row> rows = table.byId(connectorId);
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(table.statusCounts(connectorId))
        .as("runs not successful: %s", table.unsuccessful(connectorId))
        .isEqualTo(Map.of("success", 200L));
    Triggers.assertStats(workspace, connectorId, 200, 200, 0);
    assertThat(heldAtSigterm).isNotEmpty();
    List<String> givenBack = new ArrayList<>();
    heldAtSigterm.forEach(
        (id, attempt) -> {
          Row row = rows.get(id);
          assertThat(row.attempt()).as("attempt of %s", id).isBetween(attempt, attempt + 1);
          if (row.attempt() > attempt) {
            givenBack.add(id);
          }
          assertThat(row.stepStatuses())
              .as("steps of %s", id)
              .containsExactly("success", "success", "success");
        });
    // The lease is 60 s: a run with a later attempt was given back, not found by the sweeper.
    assertThat(givenBack).as("runs given back by %s", STOPPING).isNotEmpty();
    assertThat(rows.values()).allSatisfy(row -> assertThat(row.leaseOwner()).isNull());

    Map<String, List<String>> events = statusEventsByRun();
    assertThat(givenBack)
        .allSatisfy(
            id ->
                assertThat(events.get(id))
                    .as("events of given-back run %s", id)
                    .contains("pending", "success")
                    .filteredOn("running"::equals)
                    .hasSizeGreaterThanOrEqualTo(2));
  }

  /** Execution id to the statuses of its events, in the order the topic holds them. */
  private static Map<String, List<String>> statusEventsByRun() {
    Map<String, List<String>> byRun = new HashMap<>();
    for (ConsumerRecord<String, String> record :
        new BrokerClient(system.broker().bootstrapServers()).readAll(Topics.EXECUTION_EVENTS)) {
      JsonNode event = JSON.readTree(record.value());
      byRun
          .computeIfAbsent(event.path("executionId").asString(), id -> new ArrayList<>())
          .add(event.path("status").asString());
    }
    return byRun;
  }
}
