package dev.connectorengine.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.systemtests.ExecutionTable.Row;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fair sharing end to end, against one worker that runs four runs at once and a target that takes
 * 100 ms: a workspace's backlog does not make another's runs wait behind it, and a workspace's
 * {@code maxConcurrentRuns} setting holds. Read from the runs' own rows, not from timings.
 */
class FairnessIT {

  private static final int STEP_DELAY_MS = 100;

  @RegisterExtension
  static RunningSystem system =
      RunningSystem.withWorkers(1)
          .workerEnv("WORKER_MAX_IN_FLIGHT", "4")
          .workerEnv("WORKER_FAIRNESS_REFRESH", "200ms")
          .build();

  private final ExecutionTable table = new ExecutionTable(system.database());

  @Test
  void a_workspaces_backlog_does_not_hold_back_another_workspace() {
    String path = stubSlowTarget();
    Workspace a = system.newWorkspace("backlog");
    Workspace b = system.newWorkspace("latecomer");
    String aConnector = connectorCalling(a, path);
    String bConnector = connectorCalling(b, path);

    trigger(a, aConnector, 200);
    await().atMost(Duration.ofSeconds(30)).until(() -> started(aConnector) >= 8);
    trigger(b, bConnector, 5);
    await().atMost(Duration.ofMinutes(2)).until(() -> allTerminal(aConnector, 200));

    Instant lastOfB =
        table.ofConnector(bConnector).stream()
            .map(Row::startedAt)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    long aStartedAfterB =
        table.ofConnector(aConnector).stream()
            .filter(row -> row.startedAt().isAfter(lastOfB))
            .count();
    // Served in arrival order, B's runs would start after all 200 of A's.
    assertThat(aStartedAfterB).isGreaterThanOrEqualTo(100);
    assertThat(table.statusCounts(bConnector)).containsExactly(Map.entry("success", 5L));
    assertThat(table.statusCounts(aConnector)).containsExactly(Map.entry("success", 200L));
  }

  @Test
  void a_workspace_never_runs_more_than_its_max_concurrent_runs() {
    String path = stubSlowTarget();
    Workspace limited = system.newWorkspace("limited");
    system
        .admin()
        .send(
            "PATCH",
            "/api/v1/admin/workspaces/" + limited.id(),
            Map.of("settings", Map.of("maxConcurrentRuns", 2)))
        .expect(200);
    String connector = connectorCalling(limited, path);
    // The worker reads the limits every 200 ms.
    await().pollDelay(Duration.ofMillis(600)).until(() -> true);

    trigger(limited, connector, 30);
    await().atMost(Duration.ofMinutes(1)).until(() -> allTerminal(connector, 30));

    assertThat(table.statusCounts(connector)).containsExactly(Map.entry("success", 30L));
    assertThat(mostAtOnce(table.ofConnector(connector))).isEqualTo(2);
  }

  @Test
  void a_connector_never_runs_more_than_its_max_concurrent_runs() {
    String path = stubSlowTarget();
    Workspace workspace = system.newWorkspace("strict target");
    String strict = connectorCalling(workspace, path, 1);
    String other = connectorCalling(workspace, path, null);
    await().pollDelay(Duration.ofMillis(600)).until(() -> true);

    trigger(workspace, strict, 10);
    trigger(workspace, other, 10);
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> allTerminal(strict, 10) && allTerminal(other, 10));

    assertThat(mostAtOnce(table.ofConnector(strict))).isEqualTo(1);
    // The strict connector's queue does not hold back the workspace's other connector.
    assertThat(mostAtOnce(table.ofConnector(other))).isGreaterThan(1);
  }

  /** The most runs whose started→finished spans overlap at one instant. */
  private static int mostAtOnce(List<Row> rows) {
    record Edge(Instant at, int change) {}
    List<Edge> edges = new ArrayList<>();
    for (Row row : rows) {
      edges.add(new Edge(row.startedAt(), 1));
      edges.add(new Edge(row.finishedAt(), -1));
    }
    // At the same instant an end comes before a start: the slot was free again.
    edges.sort(Comparator.comparing(Edge::at).thenComparing(Edge::change));
    int now = 0;
    int most = 0;
    for (Edge edge : edges) {
      now += edge.change();
      most = Math.max(most, now);
    }
    return most;
  }

  private long started(String connectorId) {
    return table.ofConnector(connectorId).stream().filter(row -> row.startedAt() != null).count();
  }

  private boolean allTerminal(String connectorId, int runs) {
    List<Row> rows = table.ofConnector(connectorId);
    return rows.size() == runs && rows.stream().allMatch(Row::terminal);
  }

  private static void trigger(Workspace workspace, String connectorId, int runs) {
    List<Map<String, Object>> items =
        IntStream.range(0, runs).mapToObj(i -> Map.<String, Object>of("input", Map.of())).toList();
    workspace
        .api()
        .post("/api/v1/connectors/" + connectorId + "/executions/batch", Map.of("items", items))
        .expect(202);
  }

  private static String stubSlowTarget() {
    String path = "/fair-" + UUID.randomUUID();
    system
        .wireMock()
        .stubFor(
            get(urlPathEqualTo(path))
                .willReturn(okJson("{\"ok\": true}").withFixedDelay(STEP_DELAY_MS)));
    return path;
  }

  private static String connectorCalling(Workspace workspace, String path) {
    return connectorCalling(workspace, path, null);
  }

  private static String connectorCalling(Workspace workspace, String path, Integer maxRunning) {
    Map<String, Object> connector = new HashMap<>();
    connector.put("name", "Slow target");
    connector.put(
        "steps",
        List.of(
            Map.of(
                "id",
                "call",
                "request",
                Map.of("method", "GET", "url", system.wireMockUrl() + path))));
    connector.put("maxConcurrentRuns", maxRunning);
    return workspace
        .api()
        .post("/api/v1/connectors", connector)
        .expect(201)
        .json()
        .path("id")
        .asString();
  }
}
