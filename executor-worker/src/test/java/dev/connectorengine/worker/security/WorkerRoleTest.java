package dev.connectorengine.worker.security;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.worker.testdata.ConnectorStats;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The worker as {@code connector_engine_worker}, its production role: it runs, finishes, counts and
 * sweeps the executions of every workspace with their credentials, and row-level security's grants
 * keep it out of everything else. Rows are arranged as the tables' owner, as the API would write
 * them.
 */
@WorkerSpringTest(
    properties = {
      "connector-engine.kafka.partitions=2",
      "connector-engine.worker.allow-private-targets=true",
      "connector-engine.worker.sweep.interval=200ms",
      "connector-engine.worker.sweep.overdue-grace=100ms"
    })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class WorkerRoleTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient owner;

  @Autowired JdbcClient jdbc;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired CredentialSealer sealer;

  @Test
  void the_worker_acts_as_the_worker_role() {
    assertThat(jdbc.sql("SELECT current_user").query(String.class).single())
        .isEqualTo("connector_engine_worker");
  }

  @Test
  void runs_and_counts_executions_of_every_workspace_with_their_credentials() {
    ConnectorRow first = connectorWithCredential("/first", "secret-of-first");
    ConnectorRow second = connectorWithCredential("/second", "secret-of-second");
    UUID firstRun = anExecution(first).insert(owner);
    UUID secondRun = anExecution(second).insert(owner);

    publish(firstRun, first);
    publish(secondRun, second);

    awaitStatus(firstRun, "success");
    awaitStatus(secondRun, "success");
    API.verify(
        getRequestedFor(urlPathEqualTo("/first"))
            .withHeader("Authorization", equalTo("Bearer secret-of-first")));
    API.verify(
        getRequestedFor(urlPathEqualTo("/second"))
            .withHeader("Authorization", equalTo("Bearer secret-of-second")));
    assertThat(ConnectorStats.read(owner, first.id())).isEqualTo(new ConnectorStats(1, 1, 0));
    assertThat(ConnectorStats.read(owner, second.id())).isEqualTo(new ConnectorStats(1, 1, 0));
  }

  @Test
  void sweeps_overdue_runs_of_every_workspace() {
    UUID first = anOverdueRun();
    UUID second = anOverdueRun();

    awaitStatus(first, "timeout");
    awaitStatus(second, "timeout");
  }

  @Test
  void updates_credentials_of_every_workspace() {
    ConnectorRow first = connectorWithCredential("/refresh-first", "a");
    ConnectorRow second = connectorWithCredential("/refresh-second", "b");

    int updated =
        jdbc.sql(
                """
                UPDATE workspace_api_credentials SET updated_at = now()
                 WHERE workspace_id IN (?, ?)
                """)
            .params(first.workspaceId(), second.workspaceId())
            .update();

    assertThat(updated).isEqualTo(2);
  }

  @Test
  void cannot_read_api_keys_nor_what_audit_rows_and_workspaces_say() {
    // The purge (V19) may see which rows of a deleted workspace there are, never what they say,
    // and none of a live workspace.
    UUID live = aWorkspace(owner);
    owner
        .sql(
            "INSERT INTO api_keys (id, workspace_id, name, prefix, key_hash, scopes)"
                + " VALUES (gen_random_uuid(), ?, 'k', 'ce_x', '\\x01', '{read}')")
        .param(live)
        .update();
    assertThat(
            jdbc.sql("SELECT count(*) FROM api_keys WHERE workspace_id = ?")
                .param(live)
                .query(Long.class)
                .single())
        .isZero();
    for (String query :
        new String[] {
          "SELECT count(key_hash) FROM api_keys",
          "SELECT count(name) FROM api_keys",
          "SELECT count(details) FROM audit_log",
          "SELECT count(name) FROM workspaces"
        }) {
      assertThatThrownBy(() -> jdbc.sql(query).query(Long.class).single())
          .as(query)
          .isInstanceOf(DataAccessException.class)
          .rootCause()
          .hasMessageContaining("permission denied for table");
    }
  }

  @Test
  void cannot_insert_or_change_connectors_nor_delete_live_ones() {
    UUID workspace = aWorkspace(owner);
    ConnectorRow live =
        aConnector()
            .withSteps(step("call", "GET", API.baseUrl() + "/live").build())
            .insert(owner, workspace);

    assertThatThrownBy(
            () ->
                jdbc.sql(
                        """
                        INSERT INTO connectors (id, workspace_id, name, current_version)
                        VALUES (?, ?, 'planted', 1)
                        """)
                    .params(UUID.randomUUID(), workspace)
                    .update())
        .rootCause()
        .hasMessageContaining("permission denied for table connectors");
    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE connectors SET enabled = false WHERE workspace_id = ?")
                    .param(workspace)
                    .update())
        .rootCause()
        .hasMessageContaining("permission denied for table connectors");
    assertThat(jdbc.sql("DELETE FROM connectors WHERE id = ?").param(live.id()).update())
        .as("retention deletes only soft-deleted connectors")
        .isZero();
    assertThat(
            owner
                .sql("SELECT count(*) FROM connectors WHERE id = ?")
                .param(live.id())
                .query(Long.class)
                .single())
        .isOne();
  }

  private ConnectorRow connectorWithCredential(String path, String secret) {
    API.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"ok\": true}")));
    UUID workspace = aWorkspace(owner);
    aCredential(owner, sealer, workspace, "crm", Map.of("apiKey", secret));
    return aConnector()
        .withSteps(
            step("call", "GET", API.baseUrl() + path)
                .headers(Map.of("Authorization", "Bearer {{ credentials.crm.apiKey }}"))
                .build())
        .insert(owner, workspace);
  }

  /** A run whose worker died after its deadline passed: the sweeper must end it. */
  private UUID anOverdueRun() {
    ConnectorRow connector =
        aConnector()
            .withSteps(step("call", "GET", API.baseUrl() + "/never").build())
            .insert(owner, aWorkspace(owner));
    UUID id = anExecution(connector).insert(owner);
    owner
        .sql(
            """
            UPDATE connector_executions
               SET status = 'running', attempt = 1, lease_owner = 'gone-worker',
                   lease_expires_at = now() + interval '1 hour',
                   started_at = now() - interval '1 minute',
                   deadline_at = now() - interval '10 seconds'
             WHERE id = ?
            """)
        .param(id)
        .update();
    return id;
  }

  private void publish(UUID id, ConnectorRow connector) {
    ExecutionJob job =
        new ExecutionJob(id, connector.workspaceId(), connector.id(), 0, Instant.now(), Map.of());
    kafka
        .send(Topics.EXECUTIONS, id.toString(), ExecutionJson.mapper().writeValueAsString(job))
        .join();
  }

  private void awaitStatus(UUID id, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThatExecution(ExecutionRow.read(owner, id)).hasStatus(status));
  }
}
