package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.liveness.DatabaseClock;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.SkewedClock;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * A worker whose host clock is a minute ahead or behind behaves exactly as one whose clock is
 * right: deadlines, timeouts and the times it writes are the database's.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.allow-private-targets=true"
    })
@Import(NoBrokerEvents.class)
class ClockSkewTest {

  private static final SkewedClock HOST = new SkewedClock();

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TestBean(name = "localClock")
  Clock localClock;

  @Autowired @Owner JdbcClient jdbc;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;
  @Autowired DatabaseClock clock;

  static Clock localClock() {
    return HOST;
  }

  @ParameterizedTest(name = "host clock off by {0} s")
  @ValueSource(ints = {60, -60, 0})
  void a_run_within_its_timeout_succeeds_with_the_databases_times(int skewSeconds) {
    skewBy(skewSeconds);
    String path = "/" + UUID.randomUUID();
    API.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"ok\": true}").withFixedDelay(200)));
    ConnectorRow connector =
        aConnector()
            .withTimeoutMs(3_000)
            .withSteps(
                step("a", "GET", API.baseUrl() + path).build(),
                step("b", "GET", API.baseUrl() + path).build())
            .insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).withTimeoutMs(3_000).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row).hasStatus("success").hasStepStatuses(SUCCESS, SUCCESS);
    Instant databaseNow = databaseNow();
    for (StepRecord step : row.steps()) {
      assertThat(step.startedAt()).isCloseTo(databaseNow, within(5, ChronoUnit.SECONDS));
      assertThat(step.finishedAt()).isCloseTo(databaseNow, within(5, ChronoUnit.SECONDS));
    }
  }

  @ParameterizedTest(name = "host clock off by {0} s")
  @ValueSource(ints = {60, -60, 0})
  void a_run_past_its_timeout_times_out_when_the_database_says(int skewSeconds) {
    skewBy(skewSeconds);
    String path = "/" + UUID.randomUUID();
    API.stubFor(
        get(urlPathEqualTo(path)).willReturn(okJson("{\"ok\": true}").withFixedDelay(5_000)));
    ConnectorRow connector =
        aConnector()
            .withTimeoutMs(1_500)
            .withSteps(step("slow", "GET", API.baseUrl() + path).build())
            .insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).withTimeoutMs(1_500).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("timeout")
        .hasStepStatuses(FAILED)
        .hasErrorMessageContaining("run timed out after 1500 ms");
    assertThat(row.executionTimeMs()).isBetween(1_300L, 3_000L);
  }

  /** Sets the host's skew and waits until the worker's clock has followed the database again. */
  private void skewBy(int seconds) {
    HOST.skew(Duration.ofSeconds(seconds));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(clock.instant())
                    .isCloseTo(databaseNow(), within(1, ChronoUnit.SECONDS)));
  }

  private Instant databaseNow() {
    return jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single().toInstant();
  }

  private ClaimedExecution claim(UUID id) {
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }
}
