package dev.connectorengine.worker.retention;

import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention passes as {@code connector_engine_worker}: what is past its retention goes, in bounded
 * batches, and nothing else. Rows are arranged as the owner, aged by rewriting their times.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.sweep.enabled=false",
      "connector-engine.worker.retention.enabled=false",
      "connector-engine.worker.retention.batch-size=10"
    })
@Import(NoBrokerEvents.class)
class RetentionTest {

  @Autowired @Owner JdbcClient owner;
  @Autowired RetentionPass pass;
  @Autowired FreshDatabase database;
  @Autowired MeterRegistry meters;

  private UUID workspace;
  private ConnectorRow connector;

  @BeforeEach
  void setUp() {
    pass.run();
    workspace = aWorkspace(owner);
    connector = aConnectorIn(workspace);
  }

  @Test
  void finished_executions_past_retention_go_with_their_webhook_deliveries_and_young_ones_stay() {
    UUID old = aRun(connector, "success", 31);
    UUID oldFailed = aRun(connector, "failed", 45);
    UUID young = aRun(connector, "success", 29);
    owner
        .sql(
            """
            INSERT INTO webhook_deliveries
              (id, workspace_id, execution_id, url, event_type, message_id)
            VALUES (gen_random_uuid(), ?, ?, 'https://example.com/hook', 'execution.succeeded',
                    'msg_1')
            """)
        .params(workspace, old)
        .update();

    pass.run();

    assertThat(exists("connector_executions", old)).isFalse();
    assertThat(exists("connector_executions", oldFailed)).isFalse();
    assertThat(exists("connector_executions", young)).isTrue();
    assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE execution_id = ?", old))
        .isZero();
  }

  @Test
  void pending_and_running_executions_stay_however_old() {
    UUID pending = aRun(connector, "pending", 400);
    UUID running = aRun(connector, "running", 400);

    pass.run();

    assertThat(exists("connector_executions", pending)).isTrue();
    assertThat(exists("connector_executions", running)).isTrue();
  }

  @Test
  void request_logs_and_audit_rows_past_retention_go_and_young_ones_stay() {
    UUID oldLog = aRequestLog(workspace, 31);
    UUID youngLog = aRequestLog(workspace, 29);
    UUID oldAudit = anAuditRow(workspace, 366);
    UUID youngAudit = anAuditRow(workspace, 364);

    pass.run();

    assertThat(exists("request_logs", oldLog)).isFalse();
    assertThat(exists("request_logs", youngLog)).isTrue();
    assertThat(exists("audit_log", oldAudit)).isFalse();
    assertThat(exists("audit_log", youngAudit)).isTrue();
  }

  @Test
  void a_workspace_setting_keeps_its_rows_longer_or_shorter_than_the_default() {
    UUID other = aWorkspace(owner);
    owner
        .sql(
            """
            UPDATE workspaces SET settings = '{"executionRetentionDays": 90,
              "requestLogRetentionDays": 1, "auditRetentionDays": 7}' WHERE id = ?
            """)
        .param(other)
        .update();
    ConnectorRow theirs = aConnectorIn(other);
    UUID keptLonger = aRun(theirs, "success", 60);
    UUID defaultGoes = aRun(connector, "success", 60);
    UUID logGoesSooner = aRequestLog(other, 2);
    UUID logKeptByDefault = aRequestLog(workspace, 2);
    UUID auditGoesSooner = anAuditRow(other, 8);
    UUID auditKeptByDefault = anAuditRow(workspace, 8);

    pass.run();

    assertThat(exists("connector_executions", keptLonger)).isTrue();
    assertThat(exists("connector_executions", defaultGoes)).isFalse();
    assertThat(exists("request_logs", logGoesSooner)).isFalse();
    assertThat(exists("request_logs", logKeptByDefault)).isTrue();
    assertThat(exists("audit_log", auditGoesSooner)).isFalse();
    assertThat(exists("audit_log", auditKeptByDefault)).isTrue();
  }

  @Test
  void deletes_in_batches_of_the_batch_size_and_counts_the_rows() {
    double before = deletedCounter("request_logs");
    for (int i = 0; i < 35; i++) {
      aRequestLog(workspace, 40);
    }

    RetentionReport report = pass.run();

    assertThat(report.of(RetentionTable.REQUEST_LOGS))
        .extracting(RetentionReport.Deleted::rows, RetentionReport.Deleted::statements)
        .containsExactly(35L, 4);
    assertThat(count("SELECT count(*) FROM request_logs WHERE workspace_id = ?", workspace))
        .isZero();
    assertThat(deletedCounter("request_logs") - before).isEqualTo(35.0);
  }

  @Test
  void
      a_soft_deleted_connector_is_purged_with_its_versions_and_statistics_only_once_its_runs_are_gone() {
    UUID run = aRun(connector, "success", 5);
    owner
        .sql(
            "INSERT INTO connector_execution_stats (connector_id, slot, workspace_id) VALUES (?, 0, ?)")
        .params(connector.id(), workspace)
        .update();
    softDelete(connector, 40);
    ConnectorRow recentlyDeleted = aConnectorIn(workspace);
    softDelete(recentlyDeleted, 5);

    pass.run();

    assertThat(exists("connectors", connector.id())).as("a run is left").isTrue();

    owner
        .sql("UPDATE connector_executions SET created_at = now() - interval '40 days' WHERE id = ?")
        .param(run)
        .update();
    pass.run();

    assertThat(exists("connector_executions", run)).isFalse();
    assertThat(exists("connectors", connector.id())).isFalse();
    assertThat(
            count("SELECT count(*) FROM connector_versions WHERE connector_id = ?", connector.id()))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM connector_execution_stats WHERE connector_id = ?",
                connector.id()))
        .isZero();
    assertThat(exists("connectors", recentlyDeleted.id())).as("deleted 5 days ago").isTrue();
  }

  @Test
  void deletes_nothing_while_another_worker_holds_the_retention_lock() throws Exception {
    UUID old = aRequestLog(workspace, 40);
    RetentionReport report;
    try (Connection other = database.connect();
        Statement lock = other.createStatement()) {
      lock.execute("SELECT pg_advisory_lock(" + RetentionBatches.LOCK_KEY + ")");
      report = pass.run();
    }

    assertThat(report.lockHeldElsewhere()).isTrue();
    assertThat(exists("request_logs", old)).isTrue();
  }

  private ConnectorRow aConnectorIn(UUID workspaceId) {
    return aConnector()
        .withSteps(step("call", "GET", "https://example.com/call").build())
        .insert(owner, workspaceId);
  }

  private UUID aRun(ConnectorRow of, String status, int daysOld) {
    UUID id = anExecution(of).insert(owner);
    owner
        .sql(
            """
            UPDATE connector_executions
               SET status = ?, created_at = now() - make_interval(days => ?)
             WHERE id = ?
            """)
        .params(status, daysOld, id)
        .update();
    return id;
  }

  private UUID aRequestLog(UUID workspaceId, int daysOld) {
    UUID id = UUID.randomUUID();
    owner
        .sql(
            """
            INSERT INTO request_logs
              (id, workspace_id, source, attempt, retry_count, method, url, latency_ms, created_at)
            VALUES (?, ?, 'step', 1, 0, 'GET', 'https://example.com/call', 5,
                    now() - make_interval(days => ?))
            """)
        .params(id, workspaceId, daysOld)
        .update();
    return id;
  }

  private UUID anAuditRow(UUID workspaceId, int daysOld) {
    UUID id = UUID.randomUUID();
    owner
        .sql(
            """
            INSERT INTO audit_log (id, workspace_id, action, resource_type, resource_id, created_at)
            VALUES (?, ?, 'connector.created', 'connector', 'c', now() - make_interval(days => ?))
            """)
        .params(id, workspaceId, daysOld)
        .update();
    return id;
  }

  private void softDelete(ConnectorRow row, int daysAgo) {
    owner
        .sql("UPDATE connectors SET deleted_at = now() - make_interval(days => ?) WHERE id = ?")
        .params(daysAgo, row.id())
        .update();
  }

  private boolean exists(String table, UUID id) {
    return count("SELECT count(*) FROM " + table + " WHERE id = ?", id) == 1;
  }

  private long count(String sql, UUID id) {
    return owner.sql(sql).param(id).query(Long.class).single();
  }

  private double deletedCounter(String table) {
    return meters.counter("connector.engine.retention.deleted", "table", table).count();
  }
}
