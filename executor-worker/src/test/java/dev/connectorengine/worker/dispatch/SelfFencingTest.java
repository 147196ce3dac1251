package dev.connectorengine.worker.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectorengine.model.execution.StepStatus.RUNNING;
import static dev.connectorengine.model.execution.StepStatus.SUCCESS;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.liveness.WorkerLiveness;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A worker that cannot show it is alive stops its runs before anyone may take them: the in-flight
 * call is aborted, no retry starts and nothing more is written. It goes on as a new incarnation,
 * and the run is taken back and resumed, never called by two owners at once.
 */
@WorkerSpringTest(
    properties = {
      "connector-engine.kafka.partitions=3",
      "connector-engine.worker.allow-private-targets=true",
      "connector-engine.worker.liveness.ttl=3s",
      "connector-engine.worker.liveness.interval=1s",
      "connector-engine.worker.sweep.interval=500ms"
    })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SelfFencingTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired FreshDatabase database;
  @Autowired RunIntake intake;
  @Autowired RunDispatcher dispatcher;
  @Autowired WorkerLiveness liveness;

  @Test
  void a_worker_that_cannot_renew_its_liveness_stops_its_runs_and_a_new_incarnation_resumes_them()
      throws Exception {
    String path = "/" + UUID.randomUUID();
    API.stubFor(get(urlPathEqualTo(path + "/first")).willReturn(okJson("{\"id\": 1}")));
    // The first call of the second step would answer 503 after 4 s, and be retried; the next call
    // answers at once.
    API.stubFor(
        get(urlPathEqualTo(path + "/second"))
            .inScenario("fenced")
            .whenScenarioStateIs("Started")
            .willSetStateTo("again")
            .willReturn(aResponse().withStatus(503).withFixedDelay(4_000)));
    API.stubFor(
        get(urlPathEqualTo(path + "/second"))
            .inScenario("fenced")
            .whenScenarioStateIs("again")
            .willReturn(okJson("{\"ok\": true}")));
    ConnectorRow connector =
        aConnector()
            .withMaxRetries(3)
            .withSteps(
                step("first", "GET", API.baseUrl() + path + "/first").build(),
                step("second", "GET", API.baseUrl() + path + "/second").build())
            .insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).insert(jdbc);
    String firstOwner = liveness.current().owner();
    intake.take(List.of(id));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> API.verify(1, getRequestedFor(urlPathEqualTo(path + "/second"))));

    Instant fenced;
    try (Connection blocker = database.connect()) {
      // Renewals of this worker's liveness now wait on a row lock: none comes back in time.
      blocker.setAutoCommit(false);
      try (PreparedStatement lock =
          blocker.prepareStatement("SELECT 1 FROM worker_liveness WHERE owner = ? FOR UPDATE")) {
        lock.setString(1, firstOwner);
        lock.executeQuery();
      }
      await()
          .atMost(Duration.ofSeconds(4))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> dispatcher.inFlight() == 0);
      fenced = Instant.now();

      ExecutionRow stopped = ExecutionRow.read(jdbc, id);
      assertThatExecution(stopped).hasStatus("running").hasStepStatuses(SUCCESS, RUNNING);
      assertThat(stopped.leaseOwner()).isEqualTo(firstOwner);
      assertThat(stopped.attempt()).isEqualTo(1);
      assertThat(liveness.latest().orElseThrow().alive()).isFalse();
      // Held past the row's expiry, so the database, too, sees the old incarnation as dead.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  Boolean.TRUE.equals(
                      jdbc.sql(
                              "SELECT expires_at < clock_timestamp() FROM worker_liveness"
                                  + " WHERE owner = ?")
                          .param(firstOwner)
                          .query(Boolean.class)
                          .single()));
      blocker.commit();
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("success"));
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row).hasStepStatuses(SUCCESS, SUCCESS);
    assertThat(row.attempt()).isEqualTo(2);
    assertThat(liveness.current().owner()).isNotEqualTo(firstOwner);
    API.verify(1, getRequestedFor(urlPathEqualTo(path + "/first")));
    List<ServeEvent> second =
        API.getAllServeEvents().stream()
            .filter(event -> event.getRequest().getUrl().startsWith(path + "/second"))
            .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
            .toList();
    // The aborted call was not retried; the next call was the next owner's, after the fence.
    assertThat(second).hasSize(2);
    assertThat(second.get(1).getRequest().getLoggedDate().toInstant()).isAfter(fenced);
    assertThat(row.steps().get(1).attempts()).isEqualTo(1);
  }
}
