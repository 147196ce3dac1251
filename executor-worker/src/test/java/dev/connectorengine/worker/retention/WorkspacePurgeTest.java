package dev.connectorengine.worker.retention;

import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.execution.ExecutionFinisher;
import dev.connectorengine.worker.execution.RunOutcome;
import dev.connectorengine.worker.requestlog.RequestLog;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The purge of deleted workspaces as {@code connector_engine_worker}: every row of the workspace
 * goes, in every table, another workspace's rows stay, one audit row says what went, and a run
 * still in flight finds nothing to write.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.sweep.enabled=false",
      "connector-engine.worker.retention.enabled=false",
      "connector-engine.worker.retention.batch-size=2",
      "connector-engine.worker.retention.purge-after=0s"
    })
@Import(NoBrokerEvents.class)
class WorkspacePurgeTest {

  @Autowired @Owner JdbcClient owner;
  @Autowired WorkspacePurge purge;
  @Autowired ExecutionClaimer claimer;
  @Autowired ExecutionFinisher finisher;

  @Test
  void a_deleted_workspace_loses_every_row_and_another_keeps_all_of_its() {
    UUID doomed = aWorkspace(owner);
    UUID kept = aWorkspace(owner);
    fill(doomed);
    fill(kept);
    Map<String, Long> keptBefore = rowsPerTable(kept);
    Map<String, Long> doomedBefore = rowsPerTable(doomed);
    assertThat(doomedBefore.values()).as("a row in every table").doesNotContain(0L);
    markDeleted(doomed);

    purge.run();

    Map<String, Long> left = rowsPerTable(doomed);
    left.put("audit_log", left.get("audit_log") - 1);
    assertThat(left.values()).as(left.toString()).containsOnly(0L);
    assertThat(rowsPerTable(kept)).isEqualTo(keptBefore);
    assertThat(
            owner
                .sql("SELECT purged_at IS NOT NULL FROM workspaces WHERE id = ?")
                .param(doomed)
                .query(Boolean.class)
                .single())
        .isTrue();
    Map<String, Object> audit =
        owner
            .sql(
                """
                SELECT actor_key_id, resource_id, details->>'actor' AS actor,
                       (details->'rows'->>'connector_executions')::int AS executions,
                       (details->'rows'->>'request_logs')::int AS logs
                  FROM audit_log WHERE workspace_id = ? AND action = 'workspace.purged'
                """)
            .param(doomed)
            .query()
            .singleRow();
    assertThat(audit.get("actor_key_id")).isNull();
    assertThat(audit.get("resource_id")).isEqualTo(doomed.toString());
    assertThat(audit.get("actor")).isEqualTo("system");
    assertThat(audit.get("executions")).isEqualTo(3);
    assertThat(audit.get("logs")).isEqualTo(3);

    assertThat(purge.run()).as("done once").isZero();
  }

  @Test
  void the_purge_knows_every_table_with_a_workspace_column() {
    List<String> tables =
        owner
            .sql(
                """
                SELECT table_name || '.' || column_name FROM information_schema.columns
                 WHERE table_schema = current_schema()
                   AND column_name IN ('workspace_id', 'published_by_workspace')
                """)
            .query(String.class)
            .list();

    assertThat(new TreeSet<>(tables))
        .as("a table with a workspace column the purge does not delete from")
        .isEqualTo(
            Arrays.stream(PurgeTable.values())
                .map(t -> t.table() + "." + t.column())
                .collect(Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void a_run_in_flight_when_its_workspace_is_purged_writes_nothing_and_fails_nothing() {
    UUID doomed = aWorkspace(owner);
    ConnectorRow connector = aConnectorIn(doomed);
    UUID id = anExecution(connector).insert(owner);
    ClaimedExecution running = claimer.claim(List.of(id)).claimed().getFirst();
    markDeleted(doomed);
    purge.run();

    boolean ended =
        finisher.finish(
            running,
            new RunOutcome(
                ExecutionStatus.SUCCESS,
                JsonNodeFactory.instance.objectNode(),
                null,
                List.of(StepRecord.pending("call", "call"))),
            List.of(aLog(running)));

    assertThat(ended).isFalse();
    assertThat(rowsPerTable(doomed).values().stream().mapToLong(Long::longValue).sum())
        .as("the purge's audit row only")
        .isEqualTo(1);
  }

  /** One row or more of the workspace in every table that holds workspace rows. */
  private void fill(UUID ws) {
    ConnectorRow connector = aConnectorIn(ws);
    UUID endpoint = UUID.randomUUID();
    owner
        .sql(
            "INSERT INTO webhook_endpoints (id, workspace_id, url, events, connector_id)"
                + " VALUES (?, ?, 'https://example.com/hook', '{execution.succeeded}', ?)")
        .params(endpoint, ws, connector.id())
        .update();
    for (int i = 0; i < 3; i++) {
      UUID run = anExecution(connector).insert(owner);
      owner
          .sql(
              """
              INSERT INTO webhook_deliveries
                (id, workspace_id, execution_id, endpoint_id, url, event_type, message_id)
              VALUES (gen_random_uuid(), ?, ?, ?, 'https://example.com/hook',
                      'execution.succeeded', 'msg_' || gen_random_uuid())
              """)
          .params(ws, run, endpoint)
          .update();
      owner
          .sql(
              "INSERT INTO execution_event_outbox (execution_id, workspace_id, connector_id,"
                  + " sequence, status) VALUES (?, ?, ?, 1, 'success')")
          .params(run, ws, connector.id())
          .update();
      owner
          .sql(
              """
              INSERT INTO request_logs
                (id, workspace_id, source, execution_id, attempt, retry_count, method, url,
                 latency_ms, created_at)
              VALUES (gen_random_uuid(), ?, 'step', ?, 1, 0, 'GET', 'https://example.com', 5, now())
              """)
          .params(ws, run)
          .update();
    }
    UUID integration = UUID.randomUUID();
    UUID action = UUID.randomUUID();
    owner
        .sql(
            "INSERT INTO integrations (id, workspace_id, slug, name, base_url, auth_type)"
                + " VALUES (?, ?, 'crm', 'CRM', 'https://example.com', 'none')")
        .params(integration, ws)
        .update();
    owner
        .sql(
            "INSERT INTO integration_actions (id, workspace_id, integration_id, slug, name, spec,"
                + " connector_id) VALUES (?, ?, ?, 'find', 'Find', '{}', ?)")
        .params(action, ws, integration, connector.id())
        .update();
    owner
        .sql(
            "INSERT INTO action_answer_cache (workspace_id, action_id, input_hash, action_version,"
                + " http_status, expires_at) VALUES (?, ?, '\\x01', 1, 200, now())")
        .params(ws, action)
        .update();
    owner
        .sql(
            "INSERT INTO connector_execution_stats (connector_id, slot, workspace_id)"
                + " VALUES (?, 0, ?)")
        .params(connector.id(), ws)
        .update();
    owner
        .sql(
            "INSERT INTO webhook_secrets (workspace_id, sealed_secret) VALUES (?, '\\x01')"
                + " ON CONFLICT DO NOTHING")
        .param(ws)
        .update();
    owner
        .sql(
            "INSERT INTO workspace_api_credentials (id, workspace_id, service_name, type,"
                + " sealed_values, value_names) VALUES (gen_random_uuid(), ?, 's', 'api_key',"
                + " '\\x01', '{apiKey}')")
        .param(ws)
        .update();
    UUID template = UUID.randomUUID();
    owner
        .sql(
            "INSERT INTO connector_templates (id, name, steps, timeout_ms, max_retries,"
                + " is_official, published_by_workspace) VALUES (?, ?, '[]', 1000, 0, false, ?)")
        .params(template, "t-" + template, ws)
        .update();
    owner
        .sql("INSERT INTO template_ratings (template_id, workspace_id, stars) VALUES (?, ?, 5)")
        .params(template, ws)
        .update();
    UUID key = UUID.randomUUID();
    owner
        .sql(
            "INSERT INTO api_keys (id, workspace_id, name, prefix, key_hash, scopes)"
                + " VALUES (?, ?, 'k', 'ce_x', decode(md5(?::text), 'hex'), '{read}')")
        .params(key, ws, key)
        .update();
    owner
        .sql(
            "INSERT INTO workspace_usage (workspace_id, period, period_start, runs)"
                + " VALUES (?, 'day', current_date, 3)")
        .param(ws)
        .update();
    owner
        .sql(
            "INSERT INTO api_key_usage (api_key_id, workspace_id, period, period_start, runs)"
                + " VALUES (?, ?, 'day', current_date, 3)")
        .params(key, ws)
        .update();
    owner
        .sql(
            "INSERT INTO audit_log (id, workspace_id, action, resource_type, resource_id)"
                + " VALUES (gen_random_uuid(), ?, 'connector.created', 'connector', 'c')")
        .param(ws)
        .update();
  }

  /** As the admin's DELETE does: marked, keys revoked. */
  private void markDeleted(UUID ws) {
    owner.sql("UPDATE workspaces SET deleted_at = now() WHERE id = ?").param(ws).update();
    owner.sql("UPDATE api_keys SET revoked_at = now() WHERE workspace_id = ?").param(ws).update();
  }

  private Map<String, Long> rowsPerTable(UUID ws) {
    Map<String, Long> rows = new TreeMap<>();
    for (PurgeTable table : PurgeTable.values()) {
      rows.put(
          table.table(),
          owner
              .sql("SELECT count(*) FROM " + table.table() + " WHERE " + table.column() + " = ?")
              .param(ws)
              .query(Long.class)
              .single());
    }
    return rows;
  }

  private ConnectorRow aConnectorIn(UUID ws) {
    return aConnector()
        .withSteps(step("call", "GET", "https://example.com/call").build())
        .insert(owner, ws);
  }

  private static RequestLog aLog(ClaimedExecution run) {
    return new RequestLog(
        UUID.randomUUID(),
        run.workspaceId(),
        run.id(),
        run.connectorId(),
        "call",
        null,
        null,
        1,
        "GET",
        "https://example.com/call",
        200,
        3,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Instant.now());
  }
}
