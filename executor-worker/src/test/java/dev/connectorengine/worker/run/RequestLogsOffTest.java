package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code WORKER_REQUEST_LOGS=false}: runs go on as before and leave no request log rows. */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.sweep.enabled=false",
      "connector-engine.worker.allow-private-targets=true",
      "connector-engine.worker.request-logs.enabled=false"
    })
@Import(NoBrokerEvents.class)
class RequestLogsOffTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;

  @Test
  void with_request_logs_off_a_run_succeeds_and_leaves_no_rows() {
    API.stubFor(get(urlPathEqualTo("/off")).willReturn(okJson("{\"v\": 1}")));
    ConnectorRow connector =
        aConnector()
            .withSteps(step("call", "GET", API.baseUrl() + "/off").build())
            .insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claimer.claim(List.of(id)).claimed().getFirst());

    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("success");
    assertThat(jdbc.sql("SELECT count(*) FROM request_logs").query(Long.class).single()).isZero();
  }
}
