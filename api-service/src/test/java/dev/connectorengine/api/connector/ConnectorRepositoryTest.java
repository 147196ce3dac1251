package dev.connectorengine.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.testsupport.FreshDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

class ConnectorRepositoryTest {

  static final FreshDatabase DB = FreshDatabase.createMigrated();
  static final JsonMapper JSON = JsonMapper.builder().build();

  final JdbcClient jdbc =
      JdbcClient.create(new DriverManagerDataSource(DB.jdbcUrl(), DB.username(), DB.password()));
  final ConnectorRepository connectors =
      new ConnectorRepository(jdbc, JSON, new ConnectorVersionRepository(jdbc, JSON));

  @AfterAll
  static void dropDatabase() {
    DB.close();
  }

  @Test
  void statistics_are_the_sums_over_the_slots() {
    UUID workspace = workspace();
    UUID id = UUID.randomUUID();
    connectors.insert(workspace, id, source(), ConnectorSettings.unlimited(true), null, null);
    Instant latest = Instant.parse("2026-01-02T03:04:05.123456Z");
    slot(workspace, id, 0, 3, 2, 1, latest.minusSeconds(60));
    slot(workspace, id, 7, 5, 4, 0, latest);
    slot(workspace, id, 15, 1, 0, 1, null);

    ConnectorStats stats = connectors.find(workspace, id).orElseThrow().stats();

    assertThat(stats).isEqualTo(new ConnectorStats(9, 6, 2, latest));
  }

  @Test
  void statistics_of_a_connector_never_run_are_zero() {
    UUID workspace = workspace();
    UUID id = UUID.randomUUID();
    connectors.insert(workspace, id, source(), ConnectorSettings.unlimited(true), null, null);

    assertThat(connectors.find(workspace, id).orElseThrow().stats())
        .isEqualTo(new ConnectorStats(0, 0, 0, null));
  }

  @Test
  void a_connector_is_invisible_from_another_workspace() {
    UUID workspace = workspace();
    UUID id = UUID.randomUUID();
    connectors.insert(workspace, id, source(), ConnectorSettings.unlimited(true), null, null);

    assertThat(connectors.find(workspace(), id)).isEmpty();
    assertThat(connectors.update(workspace(), id, source(), ConnectorSettings.unlimited(true)))
        .isEmpty();
    assertThat(connectors.softDelete(workspace(), id)).isEmpty();
    assertThat(connectors.find(workspace, id)).isPresent();
  }

  private UUID workspace() {
    UUID id = UUID.randomUUID();
    jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'w')").param(id).update();
    return id;
  }

  private void slot(
      UUID workspace, UUID connector, int slot, long total, long ok, long failed, Instant last) {
    jdbc.sql(
            """
            INSERT INTO connector_execution_stats (connector_id, slot, workspace_id, total_executions,
                                                   successful_executions, failed_executions,
                                                   last_executed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            connector,
            slot,
            workspace,
            total,
            ok,
            failed,
            last == null ? null : OffsetDateTime.ofInstant(last, ZoneOffset.UTC))
        .update();
  }

  private static ConnectorSource source() {
    ConnectorRequest request =
        JSON.treeToValue(TestConnectors.enrichContact(), ConnectorRequest.class);
    return new ConnectorSource(
        request.trimmedName(), request.description(), request.category(), request.spec());
  }
}
