package dev.connectorengine.worker.credential;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
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
import dev.connectorengine.worker.run.ConnectorRunner;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * Runs mark the credentials their steps use, with their terminal write, at most once a minute per
 * credential; a revoked credential fails the steps that use it until it is active again.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.sweep.enabled=false",
      "connector-engine.worker.allow-private-targets=true"
    })
@Import(NoBrokerEvents.class)
class CredentialUsesTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired CredentialSealer sealer;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;

  private UUID workspace;
  private UUID credential;
  private String path;

  @BeforeEach
  void setUp() {
    workspace = aWorkspace(jdbc);
    credential =
        aCredential(
            jdbc, sealer, workspace, "crm", "api_key", Map.of("apiKey", "sk-uses-canary-5b1e"));
    path = "/" + UUID.randomUUID();
    API.stubFor(get(urlPathEqualTo(path + "/people")).willReturn(okJson("{\"ok\": true}")));
  }

  @Test
  void a_run_using_a_credential_records_its_last_use() {
    assertThat(lastUsedAt()).isNull();

    UUID run = runCrmConnector();

    assertThatExecution(ExecutionRow.read(jdbc, run)).hasStatus("success");
    Instant used = lastUsedAt();
    assertThat(used).isNotNull();
    assertThat(Duration.between(used, databaseNow()).abs()).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void a_second_run_within_the_minute_does_not_write_the_use_again() {
    runCrmConnector();
    Instant first = lastUsedAt();
    // A write now would store a later instant than the first.
    await().until(() -> databaseNow().isAfter(first));

    UUID second = runCrmConnector();

    assertThatExecution(ExecutionRow.read(jdbc, second)).hasStatus("success");
    assertThat(lastUsedAt()).isEqualTo(first);
  }

  @Test
  void the_worker_does_not_write_a_credential_it_wrote_within_the_minute() {
    runCrmConnector();
    // As if the stored time were old: only the worker's own memory of its write holds it back.
    jdbc.sql(
            "UPDATE workspace_api_credentials SET last_used_at = now() - interval '2 minutes'"
                + " WHERE id = ?")
        .param(credential)
        .update();
    Instant stored = lastUsedAt();

    runCrmConnector();

    assertThat(lastUsedAt()).isEqualTo(stored);
  }

  @Test
  void a_use_stored_by_another_worker_within_the_minute_is_kept() {
    jdbc.sql(
            "UPDATE workspace_api_credentials SET last_used_at = now() - interval '30 seconds'"
                + " WHERE id = ?")
        .param(credential)
        .update();
    Instant stored = lastUsedAt();

    runCrmConnector();

    assertThat(lastUsedAt()).isEqualTo(stored);
  }

  @Test
  void a_step_that_does_not_run_does_not_use_its_credential() {
    API.stubFor(get(urlPathEqualTo(path + "/fails")).willReturn(notFound()));
    ConnectorRow connector =
        aConnector()
            .withSteps(
                step("first", "GET", API.baseUrl() + path + "/fails").build(),
                step("people", "GET", API.baseUrl() + path + "/people").auth("crm").build())
            .insert(jdbc, workspace);
    UUID run = anExecution(connector).insert(jdbc);

    runner.run(claim(run));

    assertThatExecution(ExecutionRow.read(jdbc, run)).hasStatus("failed");
    assertThat(lastUsedAt()).isNull();
  }

  @Test
  void a_revoked_credential_fails_its_step_and_works_again_once_active() {
    setStatus("revoked");

    UUID refused = runCrmConnector();

    assertThatExecution(ExecutionRow.read(jdbc, refused))
        .hasStatus("failed")
        .hasErrorMessageContaining("credential 'crm' is revoked");
    API.verify(0, getRequestedFor(urlPathEqualTo(path + "/people")));
    assertThat(lastUsedAt()).isNull();

    setStatus("active");
    UUID accepted = runCrmConnector();

    assertThatExecution(ExecutionRow.read(jdbc, accepted)).hasStatus("success");
    API.verify(1, getRequestedFor(urlPathEqualTo(path + "/people")));
    assertThat(lastUsedAt()).isNotNull();
  }

  private UUID runCrmConnector() {
    ConnectorRow connector =
        aConnector()
            .withSteps(step("people", "GET", API.baseUrl() + path + "/people").auth("crm").build())
            .insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);
    runner.run(claim(id));
    return id;
  }

  private ClaimedExecution claim(UUID id) {
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }

  private void setStatus(String status) {
    jdbc.sql("UPDATE workspace_api_credentials SET status = ? WHERE id = ?")
        .params(status, credential)
        .update();
  }

  private Instant lastUsedAt() {
    OffsetDateTime at =
        jdbc.sql("SELECT last_used_at FROM workspace_api_credentials WHERE id = ?")
            .param(credential)
            .query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
            .list()
            .getFirst();
    return at == null ? null : at.toInstant();
  }

  private Instant databaseNow() {
    return jdbc.sql("SELECT now()").query(OffsetDateTime.class).single().toInstant();
  }
}
