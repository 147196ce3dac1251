package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aCredential;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.worker.batch.ItemRefusedException;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.execution.ExecutionFinisher;
import dev.connectorengine.worker.execution.RunOutcome;
import dev.connectorengine.worker.requestlog.RequestLog;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The request log rows of runs against WireMock: one per attempt, redacted, without the query
 * string, written with the terminal write and never at another run's expense.
 */
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
class RequestLogsTest {

  private static final String CANARY = "sk-canary-requestlog-7f3a9c";

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired CredentialSealer sealer;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;
  @Autowired ExecutionFinisher finisher;

  private UUID workspace;
  private String path;

  @BeforeEach
  void setUp() {
    workspace = aWorkspace(jdbc);
    path = "/" + UUID.randomUUID() + "/people";
  }

  @Test
  void a_step_attempt_leaves_one_row_with_redacted_summaries_and_no_query_string() {
    aCredential(
        jdbc,
        sealer,
        workspace,
        "crm",
        "api_key",
        Map.of("apiKey", CANARY, "queryParam", "api_key"));
    // The target echoes the key back, raw and JSON-escaped.
    API.stubFor(
        post(urlPathEqualTo(path))
            .willReturn(okJson("{\"echo\": \"" + CANARY + "\", \"note\": \"hello\"}")));
    ConnectorRow connector =
        aConnector()
            .withSteps(
                step("person", "POST", API.baseUrl() + path)
                    .auth("crm")
                    .query(Map.of("email", "ada@example.com"))
                    .body("{\"key\": \"{{ credentials.crm.apiKey }}\", \"name\": \"Ada\"}")
                    .build())
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("success");
    List<Map<String, Object>> rows = rowsOf(id);
    assertThat(rows).hasSize(1);
    Map<String, Object> row = rows.getFirst();
    assertThat(row)
        .containsEntry("workspace_id", workspace)
        .containsEntry("connector_id", connector.id())
        .containsEntry("source", "step")
        .containsEntry("step_id", "person")
        .containsEntry("attempt", 1)
        .containsEntry("retry_count", 0)
        .containsEntry("method", "POST")
        .containsEntry("url", API.baseUrl() + path)
        .containsEntry("http_status", 200)
        .containsEntry("request_content_type", "application/json")
        .containsEntry("error", null)
        .containsEntry("integration", null)
        .containsEntry("action", null);
    assertThat((String) row.get("response_content_type")).startsWith("application/json");
    assertThat((String) row.get("request_body")).contains("\"name\":\"Ada\"", "***");
    assertThat((String) row.get("response_body")).contains("\"note\": \"hello\"", "***");
    assertThat((Long) row.get("response_size")).isPositive();
    assertThat((Long) row.get("request_size")).isPositive();
    assertThat(row.toString()).doesNotContain(CANARY).doesNotContain("?").doesNotContain("ada@");
  }

  @Test
  void a_retried_step_leaves_a_row_per_attempt_numbered_1_and_2() {
    API.stubFor(
        get(urlPathEqualTo(path))
            .inScenario("retry " + path)
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withBody("busy"))
            .willSetStateTo("second"));
    API.stubFor(
        get(urlPathEqualTo(path))
            .inScenario("retry " + path)
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"v\": 1}")));
    ConnectorRow connector =
        aConnector()
            .withSteps(step("call", "GET", API.baseUrl() + path).build())
            .withMaxRetries(2)
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("success");
    List<Map<String, Object>> rows = rowsOf(id);
    assertThat(rows).extracting(r -> r.get("attempt")).containsExactly(1, 2);
    assertThat(rows).extracting(r -> r.get("retry_count")).containsExactly(0, 1);
    assertThat(rows).extracting(r -> r.get("http_status")).containsExactly(503, 200);
    assertThat(rows.getFirst()).containsEntry("response_body", "busy");
  }

  @Test
  void a_call_that_never_answered_is_logged_with_its_error_and_no_status() {
    ConnectorRow connector =
        aConnector()
            .withSteps(step("down", "GET", "http://127.0.0.1:1/nothing?token=x").build())
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    List<Map<String, Object>> rows = rowsOf(id);
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst())
        .containsEntry("http_status", null)
        .containsEntry("url", "http://127.0.0.1:1/nothing")
        .containsEntry("response_body", null);
    assertThat((String) rows.getFirst().get("error")).startsWith("connection failed");
  }

  @Test
  void an_answer_holding_a_nul_byte_is_logged_cleaned_and_cannot_poison_the_batch() {
    API.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/plain")
                    .withBody("a\u0000b")));
    ConnectorRow connector =
        aConnector()
            .withSteps(step("nul", "GET", API.baseUrl() + path).build())
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("success");
    assertThat(rowsOf(id))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("response_body", "a\uFFFDb"));
  }

  @Test
  void a_run_whose_outcome_is_refused_costs_the_other_runs_of_its_batch_none_of_their_logs()
      throws Exception {
    ConnectorRow connector =
        aConnector()
            .withSteps(step("a", "GET", API.baseUrl() + path).build())
            .insert(jdbc, workspace);
    List<ClaimedExecution> runs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      runs.add(claim(anExecution(connector).insert(jdbc)));
    }
    ClaimedExecution refused = runs.get(17);
    List<Future<Boolean>> ends = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (ClaimedExecution run : runs) {
        // PostgreSQL's jsonb refuses a NUL (as \u0000): this run's whole write is refused.
        String output = run == refused ? "a\u0000b" : "fine";
        ends.add(threads.submit(() -> finisher.finish(run, outcome(output), List.of(log(run)))));
      }
    }

    for (int i = 0; i < runs.size(); i++) {
      ClaimedExecution run = runs.get(i);
      if (run == refused) {
        Future<Boolean> end = ends.get(i);
        assertThatThrownBy(end::get).hasCauseInstanceOf(ItemRefusedException.class);
        assertThat(rowsOf(run.id())).isEmpty();
      } else {
        assertThat(ends.get(i).get()).isTrue();
        assertThat(rowsOf(run.id())).hasSize(1);
      }
    }
  }

  private static RunOutcome outcome(String output) {
    return new RunOutcome(
        ExecutionStatus.SUCCESS,
        JsonNodeFactory.instance.objectNode().put("v", output),
        null,
        List.of(StepRecord.pending("a", "Step a")));
  }

  private RequestLog log(ClaimedExecution run) {
    return new RequestLog(
        UUID.randomUUID(),
        run.workspaceId(),
        run.id(),
        run.connectorId(),
        "a",
        null,
        null,
        1,
        "GET",
        API.baseUrl() + path,
        200,
        3,
        null,
        null,
        null,
        null,
        "application/json",
        2L,
        "{}",
        Instant.now());
  }

  private ClaimedExecution claim(UUID id) {
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }

  private List<Map<String, Object>> rowsOf(UUID executionId) {
    return jdbc.sql(
            """
            SELECT workspace_id, connector_id, source, step_id, attempt, retry_count, method, url,
                   http_status, latency_ms, error, integration, action, request_content_type,
                   request_size, request_body, response_content_type, response_size,
                   response_body
              FROM request_logs WHERE execution_id = :id ORDER BY created_at, attempt
            """)
        .param("id", executionId)
        .query()
        .listOfRows();
  }
}
