package dev.connectorengine.worker.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.connectorengine.worker.testdata.ConnectorStats;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A target answering what PostgreSQL cannot store, among ordinary runs of two workspaces whose
 * writes share batches: only its own runs fail, at once and saying why; the others run once.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.allow-private-targets=true"
    })
@Import(NoBrokerEvents.class)
class OneRunNeverHarmsAnotherTest {

  private static final int ORDINARY = 200;
  private static final int POISONED = 10;

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired RunIntake intake;

  @Test
  void runs_answered_a_nul_fail_at_once_and_every_ordinary_step_is_called_exactly_once() {
    // Each call echoes the run's id (in the path), so calls can be counted per run and step.
    API.stubFor(
        get(urlPathMatching("/ok/.*"))
            .willReturn(okJson("{\"name\": \"Ada\"}").withFixedDelay(20)));
    API.stubFor(
        get(urlPathMatching("/nul/.*"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"name\": \"a\\u0000b\"}")));
    UUID first = aWorkspace(jdbc);
    UUID second = aWorkspace(jdbc);
    ConnectorRow ordinaryA = twoSteps(first, "ok");
    ConnectorRow ordinaryB = twoSteps(second, "ok");
    ConnectorRow poisoned = twoSteps(second, "nul");
    List<UUID> ordinary = new ArrayList<>();
    List<UUID> nul = new ArrayList<>();
    for (int i = 0; i < ORDINARY; i++) {
      ordinary.add(anExecution(i % 2 == 0 ? ordinaryA : ordinaryB).insert(jdbc));
    }
    for (int i = 0; i < POISONED; i++) {
      nul.add(anExecution(poisoned).insert(jdbc));
    }
    List<UUID> all = new ArrayList<>(ordinary);
    all.addAll(nul);
    Collections.shuffle(all);

    intake.take(all);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> all.stream().allMatch(id -> terminal(ExecutionRow.read(jdbc, id))));
    for (UUID id : nul) {
      ExecutionRow row = ExecutionRow.read(jdbc, id);
      assertThat(row.status()).as("run %s", id).isEqualTo("failed");
      assertThat(row.errorMessage())
          .contains(
              "step 'first' failed", "a NUL character (U+0000) at $.name", "cannot be stored");
      assertThat(row.attempt()).isEqualTo(1);
    }
    for (UUID id : ordinary) {
      ExecutionRow row = ExecutionRow.read(jdbc, id);
      assertThat(row.status()).as("run %s: %s", id, row.errorMessage()).isEqualTo("success");
      assertThat(row.attempt()).isEqualTo(1);
    }
    Map<String, Long> calls =
        API.getAllServeEvents().stream()
            .map(ServeEvent::getRequest)
            .filter(request -> request.getUrl().startsWith("/ok/"))
            .collect(Collectors.groupingBy(request -> request.getUrl(), Collectors.counting()));
    assertThat(calls).hasSize(2 * ORDINARY);
    assertThat(calls.values()).containsOnly(1L);
    assertThat(ConnectorStats.read(jdbc, poisoned.id()))
        .isEqualTo(new ConnectorStats(POISONED, 0, POISONED));
    assertThat(
            ConnectorStats.read(jdbc, ordinaryA.id()).total()
                + ConnectorStats.read(jdbc, ordinaryB.id()).total())
        .isEqualTo(ORDINARY);
  }

  private ConnectorRow twoSteps(UUID workspace, String kind) {
    Function<String, String> url =
        stepId -> API.baseUrl() + "/" + kind + "/{{ execution.id }}/" + stepId;
    return aConnector()
        .withSteps(
            step("first", "GET", url.apply("first")).extract(Map.of("name", "$.name")).build(),
            step("second", "GET", url.apply("second")).build())
        .insert(jdbc, workspace);
  }

  private static boolean terminal(ExecutionRow row) {
    return !row.status().equals("pending") && !row.status().equals("running");
  }
}
