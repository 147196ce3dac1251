package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ReplaySteps;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A replay from the failed step (the retry call's new execution, its step records starting with the
 * ones it reuses) calls only the steps that did not succeed, with the reused steps' outputs.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.allow-private-targets=true"
    })
@Import(NoBrokerEvents.class)
class ReplayFromFailedStepTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;

  private String path;
  private String base;

  @BeforeEach
  void setUp() {
    path = "/" + UUID.randomUUID();
    base = API.baseUrl() + path;
  }

  @Test
  void a_replay_from_the_failed_step_never_calls_the_steps_that_succeeded_again() {
    API.stubFor(get(urlPathEqualTo(path + "/person")).willReturn(okJson("{\"id\": \"p-7\"}")));
    API.stubFor(
        post(urlPathEqualTo(path + "/enrich"))
            .inScenario("down once")
            .whenScenarioStateIs("Started")
            .willSetStateTo("up")
            .willReturn(aResponse().withStatus(500)));
    API.stubFor(
        post(urlPathEqualTo(path + "/enrich"))
            .inScenario("down once")
            .whenScenarioStateIs("up")
            .willReturn(okJson("{\"size\": 250}")));
    API.stubFor(post(urlPathEqualTo(path + "/update")).willReturn(okJson("{}")));
    ConnectorRow connector = threeStepConnector().insert(jdbc, aWorkspace(jdbc));
    UUID failed = anExecution(connector).insert(jdbc);
    runner.run(claim(failed));
    ExecutionRow failedRow = ExecutionRow.read(jdbc, failed);
    assertThatExecution(failedRow).hasStatus("failed");

    List<StepRecord> replayed =
        ReplaySteps.fromFailedStep(failedRow.steps(), connector.steps(), connector.steps());
    UUID replay = anExecution(connector).replaying(failed, replayed).insert(jdbc);
    runner.run(claim(replay));

    ExecutionRow row = ExecutionRow.read(jdbc, replay);
    assertThatExecution(row).hasStatus("success").hasStepStatuses(SUCCESS, SUCCESS, SUCCESS);
    assertThat(row.steps()).extracting(StepRecord::reused).containsExactly(true, false, false);
    assertThat(row.output())
        .isEqualTo(ExecutionJson.read("{\"personId\": \"p-7\", \"size\": 250}"));
    API.verify(1, getRequestedFor(urlPathEqualTo(path + "/person")));
    API.verify(
        2,
        postRequestedFor(urlPathEqualTo(path + "/enrich"))
            .withRequestBody(equalToJson("{\"personId\": \"p-7\"}")));
    API.verify(1, postRequestedFor(urlPathEqualTo(path + "/update")));
  }

  @Test
  void a_replay_from_the_start_calls_every_step_again() {
    API.stubFor(get(urlPathEqualTo(path + "/person")).willReturn(okJson("{\"id\": \"p-7\"}")));
    API.stubFor(post(urlPathEqualTo(path + "/enrich")).willReturn(aResponse().withStatus(500)));
    ConnectorRow connector = threeStepConnector().insert(jdbc, aWorkspace(jdbc));
    UUID failed = anExecution(connector).insert(jdbc);
    runner.run(claim(failed));

    UUID replay =
        anExecution(connector)
            .replaying(failed, ReplaySteps.fromStart(connector.steps()))
            .insert(jdbc);
    runner.run(claim(replay));

    assertThatExecution(ExecutionRow.read(jdbc, replay))
        .hasStatus("failed")
        .hasStepStatuses(SUCCESS, FAILED, dev.connectorengine.model.execution.StepStatus.SKIPPED);
    API.verify(2, getRequestedFor(urlPathEqualTo(path + "/person")));
  }

  private dev.connectorengine.worker.testdata.TestData.ConnectorBuilder threeStepConnector() {
    return aConnector()
        .withSteps(
            step("person", "GET", base + "/person").extract(Map.of("id", "$.id")).build(),
            step("enrich", "POST", base + "/enrich")
                .body("{\"personId\": \"{{ steps.person.output.id }}\"}")
                .extract(Map.of("size", "$.size"))
                .build(),
            step("update", "POST", base + "/update").build())
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
