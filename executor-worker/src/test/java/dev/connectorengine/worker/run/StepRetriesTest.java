package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.connectorengine.model.execution.StepStatus.FAILED;
import static dev.connectorengine.model.execution.StepStatus.SUCCESS;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.testdata.ConnectorStats;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Retries of failing step calls against WireMock, and how they meet the run's deadline. */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.sweep.enabled=false",
      "connector-engine.worker.retry.initial-backoff=20ms",
      "connector-engine.worker.retry.max-backoff=50ms",
      // WireMock's host by name only: every other private target stays refused.
      "connector-engine.worker.allowed-targets=localhost"
    })
@Import(NoBrokerEvents.class)
class StepRetriesTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  // Fixtures as the owner: the worker itself acts as connector_engine_worker.
  @Autowired @Owner JdbcClient jdbc;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;

  private UUID workspace;
  private String path;

  @BeforeEach
  void setUp() {
    workspace = aWorkspace(jdbc);
    path = "/" + UUID.randomUUID();
  }

  @Test
  void a_step_answering_503_twice_then_200_succeeds_on_its_third_attempt() {
    answerInTurn(aResponse().withStatus(503), aResponse().withStatus(503), okJson("{\"v\": 7}"));
    ConnectorRow connector = connectorWithMaxRetries(3);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row).hasStatus("success").hasStepStatuses(SUCCESS);
    StepRecord step = row.steps().getFirst();
    assertThat(step.attempts()).isEqualTo(3);
    assertThat(step.httpStatus()).isEqualTo(200);
    assertThat(step.error()).isNull();
    API.verify(3, getRequestedFor(urlPathEqualTo(path)));
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 1, 0));
  }

  @Test
  void a_429_with_retry_after_waits_that_long_before_the_next_attempt() {
    answerInTurn(aResponse().withStatus(429).withHeader("Retry-After", "1"), okJson("{\"v\": 1}"));
    UUID id = anExecution(connectorWithMaxRetries(2)).insert(jdbc);

    runner.run(claim(id));

    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("success");
    List<ServeEvent> calls =
        API.getAllServeEvents().stream()
            .filter(event -> event.getRequest().getUrl().startsWith(path))
            .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
            .toList();
    assertThat(calls).hasSize(2);
    long gapMs =
        calls.get(1).getRequest().getLoggedDate().getTime()
            - calls.get(0).getRequest().getLoggedDate().getTime();
    assertThat(gapMs).isBetween(950L, 3_000L);
  }

  @Test
  void a_404_is_not_retried() {
    API.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)));
    UUID id = anExecution(connectorWithMaxRetries(3)).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasErrorMessageContaining("step 'call' failed: HTTP 404 Not Found");
    assertThat(row.steps().getFirst().attempts()).isEqualTo(1);
    API.verify(1, getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void exhausted_retries_fail_the_step_with_the_last_error_and_attempt_count() {
    answerInTurn(
        aResponse().withStatus(500),
        aResponse().withStatus(502),
        aResponse().withStatus(503).withBody("try later"));
    UUID id = anExecution(connectorWithMaxRetries(2)).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasStepStatuses(FAILED)
        .hasErrorMessageContaining(
            "step 'call' failed: HTTP 503 Service Unavailable: try later (after 3 attempts)");
    assertThat(row.steps().getFirst().attempts()).isEqualTo(3);
    assertThat(row.steps().getFirst().httpStatus()).isEqualTo(503);
    API.verify(3, getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void a_step_overrides_the_connectors_retry_count() {
    API.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
    ConnectorRow connector =
        aConnector()
            .withSteps(step("call", "GET", API.baseUrl() + path).retry(0, null, null).build())
            .withMaxRetries(5)
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    assertThat(ExecutionRow.read(jdbc, id).steps().getFirst().attempts()).isEqualTo(1);
    API.verify(1, getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void a_backoff_that_would_pass_the_run_deadline_is_not_waited() {
    API.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "5")));
    ConnectorRow connector =
        aConnector()
            .withSteps(step("call", "GET", API.baseUrl() + path).build())
            .withMaxRetries(3)
            .withTimeoutMs(1_500)
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).withTimeoutMs(1_500).insert(jdbc);
    long start = System.nanoTime();

    runner.run(claim(id));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("timeout")
        .hasErrorMessageContaining("run timed out after 1500 ms in step 'call'");
    assertThat(row.steps().getFirst().attempts()).isEqualTo(1);
    assertThat(row.steps().getFirst().error())
        .contains("HTTP 503 Service Unavailable", "would pass the run's deadline");
    API.verify(1, getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void a_step_timeout_is_retried() {
    answerInTurn(okJson("{\"v\": 1}").withFixedDelay(2_000), okJson("{\"v\": 2}"));
    ConnectorRow connector =
        aConnector()
            .withSteps(step("call", "GET", API.baseUrl() + path).timeoutMs(300).build())
            .withMaxRetries(1)
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row).hasStatus("success");
    assertThat(row.steps().getFirst().attempts()).isEqualTo(2);
  }

  @Test
  void a_connection_error_is_retried_then_reported() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ConnectorRow connector =
        aConnector()
            .withSteps(step("call", "GET", "http://localhost:" + closedPort + "/x").build())
            .withMaxRetries(2)
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasErrorMessageContaining("connection failed", "(after 3 attempts)");
    assertThat(row.steps().getFirst().attempts()).isEqualTo(3);
  }

  @Test
  void a_private_target_is_refused_by_the_ssrf_guard_and_not_retried() {
    ConnectorRow connector =
        aConnector()
            .withSteps(step("call", "GET", "http://10.1.2.3" + path).build())
            .withMaxRetries(3)
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasStepStatuses(FAILED)
        .hasErrorMessageContaining("step 'call' refused: 10.1.2.3 is a private address");
    assertThat(row.steps().getFirst().attempts()).isZero();
  }

  @Test
  void a_loopback_address_outside_the_allow_list_is_refused_though_localhost_is_allowed() {
    ConnectorRow connector =
        aConnector()
            .withSteps(step("call", "GET", "http://127.0.0.1:" + API.getPort() + path).build())
            .withMaxRetries(3)
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    assertThatExecution(ExecutionRow.read(jdbc, id))
        .hasStatus("failed")
        .hasErrorMessageContaining("step 'call' refused: 127.0.0.1 is a loopback address");
    API.verify(0, getRequestedFor(urlPathEqualTo(path)));
  }

  private ConnectorRow connectorWithMaxRetries(int retries) {
    return aConnector()
        .withSteps(step("call", "GET", API.baseUrl() + path).build())
        .withMaxRetries(retries)
        .insert(jdbc, workspace);
  }

  /** Stubs {@link #path} to give these answers in turn, the last one from then on. */
  private void answerInTurn(ResponseDefinitionBuilder... answers) {
    String scenario = "turns " + path;
    for (int i = 0; i < answers.length; i++) {
      String state = i == 0 ? STARTED : "answer " + i;
      var stub =
          get(urlPathEqualTo(path))
              .inScenario(scenario)
              .whenScenarioStateIs(state)
              .willReturn(answers[i]);
      if (i < answers.length - 1) {
        stub = stub.willSetStateTo("answer " + (i + 1));
      }
      API.stubFor(stub);
    }
  }

  private ClaimedExecution claim(UUID id) {
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }
}
