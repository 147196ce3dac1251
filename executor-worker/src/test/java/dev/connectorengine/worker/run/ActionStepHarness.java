package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.ExecutionJson;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What tests of action steps share: a workspace, a WireMock target and a way to run one step. */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.sweep.enabled=false",
      "connector-engine.worker.retry.initial-backoff=20ms",
      "connector-engine.worker.retry.max-backoff=50ms",
      "connector-engine.worker.allow-private-targets=true"
    })
@Import(NoBrokerEvents.class)
abstract class ActionStepHarness {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;

  UUID workspace;
  String path;

  @BeforeEach
  void setUp() {
    workspace = aWorkspace(jdbc);
    path = "/" + UUID.randomUUID() + "/people";
  }

  ExecutionRow run(StepSpec step, String input) {
    ConnectorRow connector = aConnector().withSteps(step).insert(jdbc, workspace);
    UUID id = anExecution(connector).withInput(input).insert(jdbc);
    runner.run(claim(id));
    return ExecutionRow.read(jdbc, id);
  }

  List<Map<String, Object>> logsOf(UUID executionId) {
    return jdbc.sql(
            """
            SELECT integration, action, attempt, http_status, url
              FROM request_logs WHERE execution_id = :id ORDER BY created_at
            """)
        .param("id", executionId)
        .query()
        .listOfRows();
  }

  private ClaimedExecution claim(UUID id) {
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }

  static String json(Object value) {
    return ExecutionJson.mapper().writeValueAsString(value);
  }
}
