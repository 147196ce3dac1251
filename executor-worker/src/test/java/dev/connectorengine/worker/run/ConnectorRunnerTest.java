package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectorengine.model.execution.StepStatus.FAILED;
import static dev.connectorengine.model.execution.StepStatus.PENDING;
import static dev.connectorengine.model.execution.StepStatus.RUNNING;
import static dev.connectorengine.model.execution.StepStatus.SKIPPED;
import static dev.connectorengine.model.execution.StepStatus.SUCCESS;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aCredential;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.messaging.ExecutionEvent;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.testdata.ConnectorStats;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.OutboxEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorBuilder;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import io.micrometer.core.instrument.MeterRegistry;
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
 * The runner against the real database and WireMock as the third-party API; Kafka stays idle (the
 * listener does not start), runs are claimed and run directly.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      // WireMock listens on localhost, which the SSRF guard refuses by default.
      "connector-engine.worker.allow-private-targets=true"
    })
@Import(NoBrokerEvents.class)
class ConnectorRunnerTest {

  private static final String SECRET = "sk-canary-7f3a9c51e2";

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  // Fixtures as the owner: the worker itself acts as connector_engine_worker.
  @Autowired @Owner JdbcClient jdbc;
  @Autowired CredentialSealer sealer;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;
  @Autowired OutboxEvents events;
  @Autowired MeterRegistry meters;

  private UUID workspace;
  private String base;

  @BeforeEach
  void setUp() {
    workspace = aWorkspace(jdbc);
    aCredential(jdbc, sealer, workspace, "example", Map.of("apiKey", SECRET));
    base = API.baseUrl() + "/" + UUID.randomUUID();
  }

  @Test
  void three_step_connector_succeeds_with_step_records_output_and_statistics() throws Exception {
    stubPerson(200, "{\"data\": [{\"id\": \"p-42\", \"company\": \"Acme\"}]}");
    API.stubFor(
        post(urlPathEqualTo(path("/companies/enrich")))
            .withRequestBody(equalToJson("{\"personId\": \"p-42\", \"company\": \"Acme\"}"))
            .willReturn(okJson("{\"company\": {\"name\": \"Acme Inc\", \"size\": 250}}")));
    API.stubFor(
        put(urlPathEqualTo(path("/contacts/p-42")))
            .withRequestBody(equalToJson("{\"companyName\": \"Acme Inc\", \"employees\": 250}"))
            // A careless API echoing the key: it must not reach the stored row.
            .willReturn(okJson("{\"updated\": true, \"echo\": \"" + SECRET + "\"}")));
    ConnectorRow connector = threeStepConnector().insert(jdbc, workspace);
    UUID id = anExecution(connector).withInput("{\"email\": \"ada@example.com\"}").insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("success")
        .hasCurrentStep("update")
        .hasStepStatuses(SUCCESS, SUCCESS, SUCCESS)
        .isFinished()
        .doesNotContainAnywhere(SECRET);
    for (StepRecord step : row.steps()) {
      assertThat(step.attempts()).isEqualTo(1);
      assertThat(step.httpStatus()).isEqualTo(200);
      assertThat(step.latencyMs()).isNotNull();
      assertThat(step.startedAt()).isNotNull();
      assertThat(step.finishedAt()).isNotNull();
    }
    assertThat(row.steps().get(0).output())
        .isEqualTo(ExecutionJson.read("{\"id\": \"p-42\", \"company\": \"Acme\"}"));
    assertThat(row.steps().get(2).output())
        .isEqualTo(ExecutionJson.read("{\"updated\": true, \"echo\": \"***\"}"));
    assertThat(row.output())
        .isEqualTo(
            ExecutionJson.read(
                "{\"personId\": \"p-42\", \"companyName\": \"Acme Inc\", \"employees\": 250}"));
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 1, 0));
    API.verify(
        1,
        getRequestedFor(urlPathEqualTo(path("/people")))
            .withQueryParam("email", equalTo("ada@example.com"))
            .withHeader("Authorization", equalTo("Bearer " + SECRET)));
  }

  @Test
  void step_answering_400_fails_the_run_naming_the_step_and_skips_the_rest() throws Exception {
    stubPerson(200, "{\"data\": [{\"id\": \"p-7\", \"company\": \"Nope\"}]}");
    API.stubFor(
        post(urlPathEqualTo(path("/companies/enrich")))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\": \"unknown company, key " + SECRET + "\"}")));
    ConnectorRow connector = threeStepConnector().insert(jdbc, workspace);
    UUID id = anExecution(connector).withInput("{\"email\": \"bob@example.com\"}").insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasCurrentStep("company")
        .hasStepStatuses(SUCCESS, FAILED, SKIPPED)
        .hasErrorMessageContaining("step 'company' failed: HTTP 400 Bad Request", "unknown company")
        .isFinished()
        .doesNotContainAnywhere(SECRET);
    assertThat(row.steps().get(1).httpStatus()).isEqualTo(400);
    assertThat(row.output()).isNull();
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 0, 1));
    API.verify(0, putRequestedFor(urlPathEqualTo(path("/contacts/p-7"))));
  }

  @Test
  void progress_shows_the_running_step_while_it_waits_for_its_answer() throws Exception {
    stubPerson(200, "{\"data\": [{\"id\": \"p-1\", \"company\": \"Slow\"}]}");
    API.stubFor(
        post(urlPathEqualTo(path("/companies/enrich")))
            .willReturn(
                okJson("{\"company\": {\"name\": \"Slow Inc\", \"size\": 3}}")
                    .withFixedDelay(1_500)));
    API.stubFor(put(urlPathEqualTo(path("/contacts/p-1"))).willReturn(okJson("{}")));
    ConnectorRow connector = threeStepConnector().insert(jdbc, workspace);
    UUID id = anExecution(connector).withInput("{\"email\": \"c@example.com\"}").insert(jdbc);
    ClaimedExecution claimed = claim(id);

    CompletableFuture<Void> run = runInBackground(claimed);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThatExecution(ExecutionRow.read(jdbc, id))
                    .hasStatus("running")
                    .hasCurrentStep("company")
                    .hasStepStatuses(SUCCESS, RUNNING, PENDING));
    run.get();
    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("success");
  }

  @Test
  void a_run_that_lost_its_lease_writes_nothing_more() throws Exception {
    stubPerson(200, "{\"data\": [{\"id\": \"p-2\", \"company\": \"Gone\"}]}", 1_000);
    ConnectorRow connector = threeStepConnector().insert(jdbc, workspace);
    UUID id = anExecution(connector).withInput("{\"email\": \"d@example.com\"}").insert(jdbc);
    ClaimedExecution claimed = claim(id);
    CompletableFuture<Void> run = runInBackground(claimed);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThatExecution(ExecutionRow.read(jdbc, id)).hasCurrentStep("person"));

    // Another worker took the run over (its lease had expired) while step 1 was in flight.
    jdbc.sql(
            "UPDATE connector_executions SET attempt = attempt + 1, lease_owner = 'other'"
                + " WHERE id = ?")
        .param(id)
        .update();
    run.get();

    assertThatExecution(ExecutionRow.read(jdbc, id))
        .hasStatus("running")
        .hasCurrentStep("person")
        .hasStepStatuses(RUNNING, PENDING, PENDING);
    API.verify(0, postRequestedFor(urlPathEqualTo(path("/companies/enrich"))));
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(0, 0, 0));
  }

  @Test
  void missing_credential_fails_the_step_naming_the_service() throws Exception {
    ConnectorRow connector =
        aConnector()
            .withSteps(
                step("call", "GET", base + "/call")
                    .headers(Map.of("X-Token", "{{ credentials.billing.token }}"))
                    .build())
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasStepStatuses(FAILED)
        .hasErrorMessageContaining(
            "step 'call' failed: credential 'billing' is not set up in this workspace");
    assertThat(row.steps().getFirst().attempts()).isZero();
    API.verify(0, getRequestedFor(urlPathEqualTo(path("/call"))));
  }

  @Test
  void revoked_credential_fails_the_step_naming_the_service() throws Exception {
    jdbc.sql(
            "UPDATE workspace_api_credentials SET status = 'revoked' WHERE workspace_id = ?"
                + " AND service_name = 'example'")
        .param(workspace)
        .update();
    ConnectorRow connector = threeStepConnector().insert(jdbc, workspace);
    UUID id = anExecution(connector).withInput("{\"email\": \"e@example.com\"}").insert(jdbc);

    runner.run(claim(id));

    assertThatExecution(ExecutionRow.read(jdbc, id))
        .hasStatus("failed")
        .hasStepStatuses(FAILED, SKIPPED, SKIPPED)
        .hasErrorMessageContaining("credential 'example' is revoked");
  }

  @Test
  void a_run_over_its_deadline_ends_as_timeout_with_the_call_aborted() throws Exception {
    API.stubFor(get(urlPathEqualTo(path("/slow"))).willReturn(okJson("{}").withFixedDelay(5_000)));
    ConnectorRow connector =
        aConnector()
            .withSteps(
                step("slow", "GET", base + "/slow").build(),
                step("after", "GET", base + "/after").build())
            .withTimeoutMs(400)
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).withTimeoutMs(400).insert(jdbc);
    long start = System.nanoTime();

    runner.run(claim(id));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThatExecution(ExecutionRow.read(jdbc, id))
        .hasStatus("timeout")
        .hasStepStatuses(FAILED, SKIPPED)
        .hasErrorMessageContaining("run timed out after 400 ms in step 'slow'")
        .isFinished();
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 0, 1));
  }

  @Test
  void continue_on_error_runs_the_next_steps_and_the_run_names_the_failed_one() throws Exception {
    API.stubFor(get(urlPathEqualTo(path("/flaky"))).willReturn(aResponse().withStatus(503)));
    API.stubFor(get(urlPathEqualTo(path("/fine"))).willReturn(okJson("{\"v\": 1}")));
    ConnectorRow connector =
        aConnector()
            .withSteps(
                step("flaky", "GET", base + "/flaky").continueOnError(true).build(),
                step("fine", "GET", base + "/fine").extract(Map.of("v", "$.v")).build())
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasStepStatuses(FAILED, SUCCESS)
        .hasErrorMessageContaining("step 'flaky' failed: HTTP 503 Service Unavailable");
    assertThat(row.output()).isEqualTo(ExecutionJson.read("{\"flaky\": {}, \"fine\": {\"v\": 1}}"));
  }

  @Test
  void a_cancelled_run_aborts_its_call_skips_the_rest_and_counts_in_the_total_only()
      throws Exception {
    stubPerson(200, "{\"data\": [{\"id\": \"p-9\", \"company\": \"Slow\"}]}", 10_000);
    ConnectorRow connector = threeStepConnector().insert(jdbc, workspace);
    UUID id = anExecution(connector).withInput("{\"email\": \"f@example.com\"}").insert(jdbc);
    RunSignal signal = new RunSignal();
    CompletableFuture<Void> run = runInBackground(claim(id), signal);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThatExecution(ExecutionRow.read(jdbc, id)).hasCurrentStep("person"));
    API.verify(1, getRequestedFor(urlPathEqualTo(path("/people"))));

    signal.stop(RunSignal.Stop.CANCEL);

    run.get(2, TimeUnit.SECONDS);
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("cancelled")
        .hasStepStatuses(FAILED, SKIPPED, SKIPPED)
        .hasErrorMessageContaining("cancelled by request during step 'person'")
        .isFinished();
    assertThat(row.steps().getFirst().error()).isEqualTo("cancelled");
    assertThat(row.steps().get(1).error()).isEqualTo("not run: the run was cancelled");
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 0, 0));
    assertThat(events.of(id))
        .extracting(ExecutionEvent::status)
        .containsExactly(ExecutionStatus.RUNNING, ExecutionStatus.CANCELLED);
  }

  @Test
  void a_run_cancelled_during_a_retry_backoff_stops_waiting() throws Exception {
    API.stubFor(get(urlPathEqualTo(path("/busy"))).willReturn(aResponse().withStatus(503)));
    ConnectorRow connector =
        aConnector()
            .withSteps(step("busy", "GET", base + "/busy").retry(3, 20_000L, 20_000L).build())
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);
    double retriesBefore = retries();
    RunSignal signal = new RunSignal();
    CompletableFuture<Void> run = runInBackground(claim(id), signal);
    // The retry counter moves just before the backoff starts.
    await().atMost(Duration.ofSeconds(5)).until(() -> retries() > retriesBefore);

    signal.stop(RunSignal.Stop.CANCEL);

    run.get(2, TimeUnit.SECONDS);
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row).hasStatus("cancelled").hasStepStatuses(FAILED);
    assertThat(row.steps().getFirst().attempts()).isEqualTo(1);
    assertThat(row.steps().getFirst().httpStatus()).isEqualTo(503);
  }

  @Test
  void a_run_handed_back_writes_nothing_more() throws Exception {
    stubPerson(200, "{\"data\": [{\"id\": \"p-3\", \"company\": \"Back\"}]}", 10_000);
    ConnectorRow connector = threeStepConnector().insert(jdbc, workspace);
    UUID id = anExecution(connector).withInput("{\"email\": \"g@example.com\"}").insert(jdbc);
    RunSignal signal = new RunSignal();
    CompletableFuture<Void> run = runInBackground(claim(id), signal);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThatExecution(ExecutionRow.read(jdbc, id)).hasCurrentStep("person"));

    signal.stop(RunSignal.Stop.GIVE_BACK);

    run.get(2, TimeUnit.SECONDS);
    assertThatExecution(ExecutionRow.read(jdbc, id))
        .hasStatus("running")
        .hasStepStatuses(RUNNING, PENDING, PENDING);
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(0, 0, 0));
  }

  private double retries() {
    return meters.counter("connector.engine.step.retries").count();
  }

  private ConnectorBuilder threeStepConnector() {
    return aConnector()
        .withSteps(
            step("person", "GET", base + "/people")
                .query(Map.of("email", "{{ input.email }}"))
                .headers(Map.of("Authorization", "Bearer {{ credentials.example.apiKey }}"))
                .extract(Map.of("id", "$.data[0].id", "company", "$.data[0].company"))
                .build(),
            step("company", "POST", base + "/companies/enrich")
                .body(
                    "{\"personId\": \"{{ steps.person.output.id }}\","
                        + " \"company\": \"{{ steps.person.output.company }}\"}")
                .extract(Map.of("name", "$.company.name", "size", "$.company.size"))
                .build(),
            step("update", "PUT", base + "/contacts/{{ steps.person.output.id }}")
                .body(
                    "{\"companyName\": \"{{ steps.company.output.name }}\","
                        + " \"employees\": \"{{ steps.company.output.size }}\"}")
                .extract(Map.of("updated", "$.updated", "echo", "$.echo"))
                .build())
        .withFieldMappings(
            "{\"personId\": \"{{ steps.person.output.id }}\","
                + " \"companyName\": \"{{ steps.company.output.name }}\","
                + " \"employees\": \"{{ steps.company.output.size }}\"}");
  }

  private void stubPerson(int status, String body) {
    stubPerson(status, body, 0);
  }

  private void stubPerson(int status, String body, int delayMs) {
    API.stubFor(
        get(urlPathEqualTo(path("/people")))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)
                    .withFixedDelay(delayMs)));
  }

  private String path(String suffix) {
    return base.substring(API.baseUrl().length()) + suffix;
  }

  private ClaimedExecution claim(UUID id) {
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }

  private CompletableFuture<Void> runInBackground(ClaimedExecution claimed) {
    return runInBackground(claimed, new RunSignal());
  }

  private CompletableFuture<Void> runInBackground(ClaimedExecution claimed, RunSignal signal) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                runner.run(claimed, signal);
                done.complete(null);
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            });
    return done;
  }
}
