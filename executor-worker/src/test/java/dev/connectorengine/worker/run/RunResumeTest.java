package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectorengine.model.execution.StepStatus.FAILED;
import static dev.connectorengine.model.execution.StepStatus.SUCCESS;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.execution.ExecutionLeases;
import dev.connectorengine.worker.testdata.ConnectorStats;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A run claimed again continues after the steps an earlier attempt finished, with their outputs;
 * the step that was in flight is called again, the finished ones never.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.allow-private-targets=true",
      "connector-engine.worker.max-claims=3"
    })
@Import(NoBrokerEvents.class)
class RunResumeTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired ExecutionClaimer claimer;
  @Autowired ExecutionLeases leases;
  @Autowired ConnectorRunner runner;

  private String base;
  private String path;

  @BeforeEach
  void setUp() {
    path = "/" + UUID.randomUUID();
    base = API.baseUrl() + path;
  }

  @Test
  void a_run_given_back_in_its_second_step_resumes_there_with_the_first_steps_output()
      throws Exception {
    API.stubFor(get(urlPathEqualTo(path + "/person")).willReturn(okJson("{\"id\": \"p-7\"}")));
    // The first call of the second step hangs until the run is given back; the next one answers.
    API.stubFor(
        post(urlPathEqualTo(path + "/enrich"))
            .inScenario("slow once")
            .whenScenarioStateIs("Started")
            .willSetStateTo("answered")
            .willReturn(okJson("{\"size\": 1}").withFixedDelay(10_000)));
    API.stubFor(
        post(urlPathEqualTo(path + "/enrich"))
            .inScenario("slow once")
            .whenScenarioStateIs("answered")
            .willReturn(okJson("{\"size\": 250}")));
    ConnectorRow connector = twoStepConnector().insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution first = claim(id);
    RunSignal signal = new RunSignal();
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> runner.run(first, signal));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> API.verify(1, postRequestedFor(urlPathEqualTo(path + "/enrich"))));

    signal.stop(RunSignal.Stop.GIVE_BACK);
    running.get(5, TimeUnit.SECONDS);
    leases.giveBack(Map.of(id, first.attempt()));
    ClaimedExecution second = claim(id);
    runner.run(second);

    assertThat(second.resumedSteps())
        .extracting(r -> r.status().wireName())
        .containsExactly("success", "pending");
    API.verify(1, getRequestedFor(urlPathEqualTo(path + "/person")));
    API.verify(
        2,
        postRequestedFor(urlPathEqualTo(path + "/enrich"))
            .withRequestBody(equalToJson("{\"personId\": \"p-7\"}")));
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row).hasStatus("success").hasStepStatuses(SUCCESS, SUCCESS);
    assertThat(row.attempt()).isEqualTo(2);
    assertThat(row.output())
        .isEqualTo(ExecutionJson.read("{\"personId\": \"p-7\", \"size\": 250}"));
    assertThat(row.steps().getFirst().attempts()).isEqualTo(1);
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 1, 0));
  }

  @Test
  void
      a_resumed_run_keeps_an_earlier_steps_failure_it_went_on_from_and_the_answer_later_steps_read()
          throws Exception {
    API.stubFor(
        get(urlPathEqualTo(path + "/lookup"))
            .willReturn(aResponse().withStatus(404).withBody("{\"error\": \"no such person\"}")));
    API.stubFor(
        get(urlPathEqualTo(path + "/token"))
            .willReturn(okJson("{\"token\": \"t-1\"}").withHeader("X-Region", "eu")));
    API.stubFor(
        post(urlPathEqualTo(path + "/push"))
            .inScenario("slow push")
            .whenScenarioStateIs("Started")
            .willSetStateTo("fast")
            .willReturn(okJson("{}").withFixedDelay(10_000)));
    API.stubFor(
        post(urlPathEqualTo(path + "/push"))
            .inScenario("slow push")
            .whenScenarioStateIs("fast")
            .willReturn(okJson("{\"pushed\": true}")));
    ConnectorRow connector =
        aConnector()
            .withSteps(
                step("lookup", "GET", base + "/lookup").continueOnError(true).build(),
                step("token", "GET", base + "/token").build(),
                step("push", "POST", base + "/push")
                    .headers(Map.of("X-Region", "{{ steps.token.response.headers.x-region }}"))
                    .body("{\"token\": \"{{ steps.token.response.body.token }}\"}")
                    .build())
            .insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution first = claim(id);
    RunSignal signal = new RunSignal();
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> runner.run(first, signal));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> API.verify(1, postRequestedFor(urlPathEqualTo(path + "/push"))));
    signal.stop(RunSignal.Stop.GIVE_BACK);
    running.get(5, TimeUnit.SECONDS);
    leases.giveBack(Map.of(id, first.attempt()));

    runner.run(claim(id));

    API.verify(1, getRequestedFor(urlPathEqualTo(path + "/lookup")));
    API.verify(1, getRequestedFor(urlPathEqualTo(path + "/token")));
    API.verify(
        postRequestedFor(urlPathEqualTo(path + "/push"))
            .withHeader("X-Region", equalTo("eu"))
            .withRequestBody(equalToJson("{\"token\": \"t-1\"}")));
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasStepStatuses(FAILED, SUCCESS, SUCCESS)
        .hasErrorMessageContaining("step 'lookup' failed", "404");
  }

  @Test
  void a_step_template_can_key_idempotency_on_the_execution_and_the_step() {
    API.stubFor(post(urlPathEqualTo(path + "/push")).willReturn(okJson("{}")));
    ConnectorRow connector =
        aConnector()
            .withSteps(
                step("push", "POST", base + "/push")
                    .headers(Map.of("Idempotency-Key", "{{ execution.id }}/{{ step.id }}"))
                    .build())
            .insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    API.verify(
        postRequestedFor(urlPathEqualTo(path + "/push"))
            .withHeader("Idempotency-Key", equalTo(id + "/push")));
  }

  @Test
  void a_run_claimed_more_often_than_allowed_ends_failed_without_calling_anything() {
    API.stubFor(get(urlPathEqualTo(path + "/person")).willReturn(okJson("{\"id\": \"p-7\"}")));
    ConnectorRow connector = twoStepConnector().insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).insert(jdbc);
    jdbc.sql("UPDATE connector_executions SET attempt = 3, give_backs = 2 WHERE id = ?")
        .param(id)
        .update();

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasErrorMessageContaining("claimed 4 times without finishing", "WORKER_MAX_CLAIMS");
    API.verify(0, getRequestedFor(urlPathEqualTo(path + "/person")));
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 0, 1));
  }

  private dev.connectorengine.worker.testdata.TestData.ConnectorBuilder twoStepConnector() {
    return aConnector()
        .withSteps(
            step("person", "GET", base + "/person").extract(Map.of("id", "$.id")).build(),
            step("enrich", "POST", base + "/enrich")
                .body("{\"personId\": \"{{ steps.person.output.id }}\"}")
                .extract(Map.of("size", "$.size"))
                .build())
        .withFieldMappings(
            "{\"personId\": \"{{ steps.person.output.id }}\","
                + " \"size\": \"{{ steps.enrich.output.size }}\"}");
  }

  private ClaimedExecution claim(UUID id) {
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }
}
