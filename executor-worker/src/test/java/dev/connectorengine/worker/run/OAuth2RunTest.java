package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.Steps.StepBuilder;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * oauth2 credentials in runs: the token endpoint (WireMock) is called only when the cached token is
 * missing or near expiry, a refused refresh marks the credential and fails the run with the reason,
 * and the token never reaches the records.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.allow-private-targets=true",
      "connector-engine.worker.retry.initial-backoff=10ms",
      "connector-engine.worker.retry.max-backoff=20ms"
    })
@Import(NoBrokerEvents.class)
class OAuth2RunTest {

  private static final String CLIENT_SECRET = "cs-canary-0a9b8c";
  private static final String ACCESS_TOKEN = "at-canary-4d5e6f";

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  // Fixtures as the owner: the worker itself acts as connector_engine_worker.
  @Autowired @Owner JdbcClient jdbc;
  @Autowired CredentialSealer sealer;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;

  private UUID workspace;
  private String base;

  @BeforeEach
  void setUp() {
    workspace = aWorkspace(jdbc);
    base = "/" + UUID.randomUUID();
    API.stubFor(get(urlPathEqualTo(base + "/people")).willReturn(okJson("{\"ok\": true}")));
  }

  @Test
  void client_credentials_token_is_fetched_once_then_cached_for_the_next_run() {
    credential(Map.of("scopes", "read write"));
    API.stubFor(
        post(urlPathEqualTo(base + "/token"))
            .withBasicAuth("client-1", CLIENT_SECRET)
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withFormParam("grant_type", equalTo("client_credentials"))
            .withFormParam("scope", equalTo("read write"))
            .willReturn(tokenAnswer(ACCESS_TOKEN, 3600, null)));

    ExecutionRow first = run(call().auth("crm"));
    ExecutionRow second = run(call().auth("crm"));

    assertThatExecution(first).hasStatus("success").doesNotContainAnywhere(ACCESS_TOKEN);
    assertThatExecution(second).hasStatus("success").doesNotContainAnywhere(ACCESS_TOKEN);
    API.verify(1, postRequestedFor(urlPathEqualTo(base + "/token")));
    API.verify(
        2,
        getRequestedFor(urlPathEqualTo(base + "/people"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
    byte[] sealed =
        jdbc.sql(
                "SELECT oauth_access_token_sealed FROM workspace_api_credentials"
                    + " WHERE workspace_id = ?")
            .params(workspace)
            .query(byte[].class)
            .single();
    assertThat(sealer.openAccessToken(workspace, "crm", sealed)).isEqualTo(ACCESS_TOKEN);
  }

  @Test
  void a_token_within_the_margin_is_refreshed_with_the_refresh_token_which_is_replaced() {
    UUID id = credential(Map.of("refreshToken", "rt-old"));
    cacheToken(id, "at-stale", Instant.now().plusSeconds(30)); // inside the 60 s margin
    API.stubFor(
        post(urlPathEqualTo(base + "/token"))
            .withFormParam("grant_type", equalTo("refresh_token"))
            .withFormParam("refresh_token", equalTo("rt-old"))
            .willReturn(tokenAnswer(ACCESS_TOKEN, 3600, "rt-new")));

    ExecutionRow row = run(call().headers(Map.of("X-Token", "{{ credentials.crm.accessToken }}")));

    assertThatExecution(row).hasStatus("success").doesNotContainAnywhere(ACCESS_TOKEN);
    API.verify(
        1,
        getRequestedFor(urlPathEqualTo(base + "/people"))
            .withHeader("X-Token", equalTo(ACCESS_TOKEN)));
    byte[] values =
        jdbc.sql("SELECT sealed_values FROM workspace_api_credentials WHERE id = ?")
            .params(id)
            .query(byte[].class)
            .single();
    assertThat(sealer.open(workspace, "crm", values)).containsEntry("refreshToken", "rt-new");
  }

  @Test
  void a_token_outside_the_margin_is_used_without_a_token_call() {
    UUID id = credential(Map.of());
    cacheToken(id, ACCESS_TOKEN, Instant.now().plusSeconds(600));

    ExecutionRow row = run(call().auth("crm"));

    assertThatExecution(row).hasStatus("success");
    API.verify(0, postRequestedFor(urlPathEqualTo(base + "/token")));
    API.verify(
        1,
        getRequestedFor(urlPathEqualTo(base + "/people"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
  }

  @Test
  void a_401_to_a_cached_token_replaces_it_once_and_calls_again_without_a_retry_budget() {
    UUID id = credential(Map.of());
    cacheToken(id, "at-revoked", Instant.now().plusSeconds(600)); // revoked before its expiry
    API.stubFor(
        get(urlPathEqualTo(base + "/people"))
            .withHeader("Authorization", equalTo("Bearer at-revoked"))
            .willReturn(aResponse().withStatus(401)));
    API.stubFor(
        post(urlPathEqualTo(base + "/token")).willReturn(tokenAnswer(ACCESS_TOKEN, 3600, null)));

    ExecutionRow row = run(call().auth("crm"));

    assertThatExecution(row).hasStatus("success").doesNotContainAnywhere(ACCESS_TOKEN);
    assertThat(row.steps().getFirst().attempts()).isEqualTo(2);
    API.verify(1, postRequestedFor(urlPathEqualTo(base + "/token")));
    API.verify(
        1,
        getRequestedFor(urlPathEqualTo(base + "/people"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
  }

  @Test
  void a_401_to_a_new_token_too_fails_the_step_after_one_replacement() {
    credential(Map.of());
    API.stubFor(get(urlPathEqualTo(base + "/people")).willReturn(aResponse().withStatus(401)));
    API.stubFor(
        post(urlPathEqualTo(base + "/token")).willReturn(tokenAnswer(ACCESS_TOKEN, 3600, null)));

    ExecutionRow row = run(call().auth("crm").retry(3, 10L, 10L));

    assertThatExecution(row).hasStatus("failed");
    assertThat(row.steps().getFirst().attempts()).isEqualTo(2);
    // One token for the first call, one replacing it after the 401; 401 is not retried further.
    API.verify(2, postRequestedFor(urlPathEqualTo(base + "/token")));
    API.verify(2, getRequestedFor(urlPathEqualTo(base + "/people")));
  }

  @Test
  void invalid_grant_marks_needs_reauth_and_runs_fail_with_the_reason_without_retry() {
    UUID id = credential(Map.of("refreshToken", "rt-revoked"));
    API.stubFor(
        post(urlPathEqualTo(base + "/token"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\": \"invalid_grant\"}")));

    ExecutionRow first = run(call().auth("crm").retry(3, 10L, 10L));
    ExecutionRow second = run(call().auth("crm").retry(3, 10L, 10L));

    assertThatExecution(first)
        .hasStatus("failed")
        .hasErrorMessageContaining("credential 'crm' needs re-authorisation");
    assertThat(first.steps().getFirst().attempts()).isZero();
    assertThatExecution(second)
        .hasStatus("failed")
        .hasErrorMessageContaining("credential 'crm' needs re-authorisation");
    API.verify(1, postRequestedFor(urlPathEqualTo(base + "/token")));
    API.verify(0, getRequestedFor(urlPathEqualTo(base + "/people")));
    assertThat(status(id)).isEqualTo("needs_reauth");
  }

  @Test
  void a_token_endpoint_failing_with_5xx_is_retried_like_a_step_and_does_not_mark_it() {
    UUID id = credential(Map.of());
    API.stubFor(
        post(urlPathEqualTo(base + "/token"))
            .inScenario(base)
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    API.stubFor(
        post(urlPathEqualTo(base + "/token"))
            .inScenario(base)
            .whenScenarioStateIs("up")
            .willReturn(tokenAnswer(ACCESS_TOKEN, 3600, null)));

    ExecutionRow row = run(call().auth("crm").retry(2, 10L, 10L));

    assertThatExecution(row).hasStatus("success");
    API.verify(2, postRequestedFor(urlPathEqualTo(base + "/token")));
    assertThat(status(id)).isEqualTo("active");
  }

  @Test
  void a_run_cancelled_while_another_worker_refreshes_stops_without_waiting_out_the_claim()
      throws Exception {
    UUID id = credential(Map.of());
    jdbc.sql(
            "UPDATE workspace_api_credentials SET oauth_refresh_claimed_by = 'other-worker/1',"
                + " oauth_refresh_claimed_until = now() + interval '25 seconds' WHERE id = ?")
        .params(id)
        .update();
    ConnectorRow connector =
        aConnector().withSteps(call().auth("crm").build()).insert(jdbc, workspace);
    UUID execution = anExecution(connector).insert(jdbc);
    ClaimedExecution claimed = claimer.claim(List.of(execution)).claimed().getFirst();
    RunSignal signal = new RunSignal();
    CompletableFuture<Void> run =
        CompletableFuture.runAsync(
            () -> runner.run(claimed, signal), Executors.newVirtualThreadPerTaskExecutor());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThatExecution(ExecutionRow.read(jdbc, execution)).hasCurrentStep("call"));

    signal.stop(RunSignal.Stop.CANCEL);

    run.get(3, TimeUnit.SECONDS);
    assertThatExecution(ExecutionRow.read(jdbc, execution)).hasStatus("cancelled");
    API.verify(0, postRequestedFor(urlPathEqualTo(base + "/token")));
  }

  private UUID credential(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(extra);
    values.put("clientId", "client-1");
    values.put("clientSecret", CLIENT_SECRET);
    values.put("tokenUrl", API.baseUrl() + base + "/token");
    return aCredential(jdbc, sealer, workspace, "crm", "oauth2", values);
  }

  private void cacheToken(UUID id, String token, Instant expiresAt) {
    jdbc.sql(
            "UPDATE workspace_api_credentials SET oauth_access_token_sealed = ?,"
                + " oauth_access_token_expires_at = ? WHERE id = ?")
        .params(sealer.sealAccessToken(workspace, "crm", token), Timestamp.from(expiresAt), id)
        .update();
  }

  private String status(UUID id) {
    return jdbc.sql("SELECT status FROM workspace_api_credentials WHERE id = ?")
        .params(id)
        .query(String.class)
        .single();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokenAnswer(
      String token, int expiresIn, String refreshToken) {
    return okJson(
        "{\"access_token\": \""
            + token
            + "\", \"token_type\": \"Bearer\", \"expires_in\": "
            + expiresIn
            + (refreshToken == null ? "" : ", \"refresh_token\": \"" + refreshToken + "\"")
            + "}");
  }

  private StepBuilder call() {
    return step("call", "GET", API.baseUrl() + base + "/people");
  }

  private ExecutionRow run(StepBuilder step) {
    ConnectorRow connector = aConnector().withSteps(step.build()).insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    runner.run(claimed.getFirst());
    return ExecutionRow.read(jdbc, id);
  }
}
