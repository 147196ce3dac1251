package dev.connectorengine.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.connectorengine.systemtests.ConnectorBuilder.aConnector;
import static dev.connectorengine.systemtests.ConnectorBuilder.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.localstack.ApiResponse;
import dev.connectorengine.systemtests.ExecutionTable.Row;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A target answers one run with 50 MiB while the worker, on a small heap, holds many other runs:
 * that step fails naming the answer limit, unread past it, and every other run finishes.
 */
class LargeAnswerIT {

  private static final int HUGE = 50 * 1024 * 1024;
  private static final int ORDINARY = 100;

  @RegisterExtension
  static RunningSystem system = RunningSystem.withWorkers(1).workerJvmArgs(0, "-Xmx128m").build();

  @Test
  void a_50_mib_answer_fails_its_step_and_the_workers_other_runs_finish() {
    Workspace workspace = system.newWorkspace("large answer");
    byte[] huge = new byte[HUGE];
    Arrays.fill(huge, (byte) 'x');
    huge[0] = '"';
    huge[HUGE - 1] = '"';
    system
        .wireMock()
        .stubFor(
            get(urlPathEqualTo("/large/huge"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(huge)
                        .withFixedDelay(500)));
    system
        .wireMock()
        .stubFor(
            get(urlPathEqualTo("/large/small"))
                .willReturn(okJson("{\"ok\": true}").withFixedDelay(1_000)));
    String large = connector(workspace, "/large/huge");
    String small = connector(workspace, "/large/small");
    ExecutionTable table = new ExecutionTable(system.database());

    List<String> ordinary = Triggers.accepted(Triggers.trigger(workspace, small, ORDINARY, 8));
    String hugeRun = Triggers.accepted(Triggers.trigger(workspace, large, 1, 1)).getFirst();

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                table.ofConnector(small).stream().allMatch(Row::terminal)
                    && table.ofConnector(large).stream().allMatch(Row::terminal));
    Row failed = table.byId(large).get(hugeRun);
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.errorMessage()).contains("answer over 10 MiB (WORKER_MAX_RESPONSE_BYTES)");
    assertThat(table.statusCounts(small))
        .as("runs not successful: %s", table.unsuccessful(small))
        .isEqualTo(Map.of("success", (long) ORDINARY));
    assertThat(table.byId(small).keySet()).containsExactlyInAnyOrderElementsOf(ordinary);
    assertThat(system.worker(0).isAlive()).isTrue();
  }

  private static String connector(Workspace workspace, String path) {
    ConnectorBuilder connector =
        aConnector("Calls " + path)
            .maxRetries(2)
            .withStep(step("call").request("GET", system.wireMockUrl() + path));
    ApiResponse created = workspace.api().post("/api/v1/connectors", connector.build());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }
}
