package dev.connectorengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.systemtests.ExecutionTable.Row;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import dev.connectorengine.systemtests.Triggers.Triggered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 3: the broker is away for 30 s while flows keep triggering. The API commits the pending
 * rows and answers at once; the jobs it could not publish are republished by the sweeper once the
 * broker is back, and every run completes. Runs that were in flight when it left finish while it is
 * away; their status events wait in the outbox and reach the events topic once it is back, as do
 * every other run's, each once after de-duplication by event id and numbered 1, 2 per run.
 */
class BrokerOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration TRIGGER_EVERY = Duration.ofMillis(500);
  private static final int IN_FLIGHT_RUNS = 4;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static RunningSystem system =
      RunningSystem.withWorkers(1)
          .workerEnv("WORKER_SWEEP_INTERVAL", "1s")
          .workerEnv("WORKER_REPUBLISH_AFTER", "5s")
          .build();

  @Test
  void triggers_during_a_broker_outage_answer_202_at_once_and_all_run_once_it_is_back()
      throws InterruptedException {
    Workspace workspace = system.newWorkspace("broker outage");
    SlowApi api = SlowApi.stub(system, Duration.ofMillis(50));
    String connectorId = api.createConnector(workspace, Duration.ofMinutes(5));
    ExecutionTable table = new ExecutionTable(system.database());
    String before =
        Triggers.accepted(List.of(Triggers.triggerOne(workspace, connectorId, 0))).get(0);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> table.byId(connectorId).get(before).status().equals("success"));
    // Runs of about 6 s, running as the broker leaves: they finish while it is away.
    String slowConnectorId =
        SlowApi.stub(system, Duration.ofSeconds(2))
            .createConnector(workspace, Duration.ofMinutes(5));
    List<String> inFlight =
        Triggers.accepted(Triggers.trigger(workspace, slowConnectorId, IN_FLIGHT_RUNS, 2));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                table.statusCounts(slowConnectorId).getOrDefault("running", 0L) == IN_FLIGHT_RUNS);

    system.broker().stop();
    long stoppedAt = System.nanoTime();
    List<Triggered> during = new ArrayList<>();
    // A flow's steady trickle of triggers for as long as the broker is away.
    while (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
      during.add(Triggers.triggerOne(workspace, connectorId, during.size() + 1));
      Thread.sleep(TRIGGER_EVERY);
    }
    long pendingWhileAway = table.statusCounts(connectorId).getOrDefault("pending", 0L);
    Map<String, Long> inFlightWhileAway = table.statusCounts(slowConnectorId);
    system.broker().start();

    List<String> ids = Triggers.accepted(during);
    List<Duration> latencies = during.stream().map(Triggered::latency).sorted().toList();
    assertThat(during).hasSizeGreaterThanOrEqualTo(20);
    // Waiting on the broker would cost each request the producer's 2 s max.block.ms, or more.
    assertThat(latencies.get(latencies.size() / 2))
        .as("median trigger latency while the broker is away")
        .isLessThan(Duration.ofMillis(1_500));
    assertThat(pendingWhileAway).isEqualTo(during.size());
    assertThat(inFlightWhileAway)
        .as("runs in flight as the broker left, finished while it was away")
        .isEqualTo(Map.of("success", (long) IN_FLIGHT_RUNS));

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> table.ofConnector(connectorId).stream().allMatch(Row::terminal));
    Map<String, Row> rows = table.byId(connectorId);
    assertThat(rows.keySet()).containsAll(ids).hasSize(ids.size() + 1);
    assertThat(table.statusCounts(connectorId))
        .as("runs not successful: %s", table.unsuccessful(connectorId))
        .isEqualTo(Map.of("success", (long) ids.size() + 1));
    Triggers.assertStats(workspace, connectorId, ids.size() + 1, ids.size() + 1, 0);
    Map<String, Map<String, Integer>> calls = api.callsByRun();
    assertThat(ids)
        .allSatisfy(
            id ->
                assertThat(calls.get(id))
                    .as("calls of %s", id)
                    .isEqualTo(Map.of("first", 1, "second", 1, "third", 1)));
    assertThat(
            rows.values().stream().map(Row::attempt).max(Comparator.naturalOrder()).orElseThrow())
        .isEqualTo(1);

    List<String> everyRun = new ArrayList<>(rows.keySet());
    everyRun.addAll(inFlight);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, List<String>> events = distinctStatusEventsByRun();
              assertThat(everyRun)
                  .allSatisfy(
                      id ->
                          assertThat(events.get(id))
                              .as("events of %s, by sequence", id)
                              .containsExactly("1:running", "2:success"));
            });
  }

  /**
   * Execution id to its events as {@code sequence:status}, each event id once (the topic may hold
   * an event more than once), ordered by sequence.
   */
  private static Map<String, List<String>> distinctStatusEventsByRun() {
    Map<String, Map<String, JsonNode>> byRun = new HashMap<>();
    for (ConsumerRecord<String, String> record :
        new BrokerClient(system.broker().bootstrapServers()).readAll(Topics.EXECUTION_EVENTS)) {
      JsonNode event = JSON.readTree(record.value());
      byRun
          .computeIfAbsent(event.path("executionId").asString(), id -> new HashMap<>())
          .put(event.path("eventId").asString(), event);
    }
    Map<String, List<String>> statuses = new HashMap<>();
    byRun.forEach(
        (id, events) ->
            statuses.put(
                id,
                events.values().stream()
                    .sorted(Comparator.comparingInt(e -> e.path("sequence").asInt()))
                    .map(e -> e.path("sequence").asInt() + ":" + e.path("status").asString())
                    .toList()));
    return statuses;
  }
}
