package dev.connectorengine.worker.security;

import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The connectors' limits on runs at once (V21) as {@code connector_engine_worker} reads them: those
 * of every workspace's live connectors, and nothing more of a connector than its id.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.sweep.enabled=false",
      "connector-engine.worker.retention.enabled=false"
    })
@Import(NoBrokerEvents.class)
class ConnectorLimitsReadTest {

  private static final String LIMITS =
      """
      SELECT id, max_concurrent_runs FROM connectors
       WHERE max_concurrent_runs IS NOT NULL AND deleted_at IS NULL
      """;

  @Autowired @Owner JdbcClient owner;
  @Autowired JdbcClient jdbc;

  @Test
  void the_worker_reads_the_limits_of_live_connectors_of_every_workspace() {
    assertThat(jdbc.sql("SELECT current_user").query(String.class).single())
        .isEqualTo("connector_engine_worker");
    UUID first = aConnectorWithLimit(aWorkspace(owner), 2);
    UUID second = aConnectorWithLimit(aWorkspace(owner), 100_000);
    UUID unlimited = aConnectorWithLimit(aWorkspace(owner), null);
    UUID deleted = aConnectorWithLimit(aWorkspace(owner), 7);
    owner.sql("UPDATE connectors SET deleted_at = now() WHERE id = ?").param(deleted).update();

    Map<UUID, Integer> limits =
        jdbc
            .sql(LIMITS)
            .query(
                (rs, row) ->
                    Map.entry(rs.getObject("id", UUID.class), rs.getInt("max_concurrent_runs")))
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    assertThat(limits).containsEntry(first, 2).containsEntry(second, 100_000);
    assertThat(limits).doesNotContainKeys(unlimited, deleted);
  }

  @Test
  void the_worker_still_cannot_read_what_a_limited_connector_is() {
    aConnectorWithLimit(aWorkspace(owner), 3);

    assertThatThrownBy(
            () ->
                jdbc.sql("SELECT name FROM connectors WHERE max_concurrent_runs IS NOT NULL")
                    .query(String.class)
                    .list())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("permission denied for table connectors");
  }

  private UUID aConnectorWithLimit(UUID workspace, Integer limit) {
    UUID id =
        aConnector()
            .withSteps(step("call", "GET", "https://example.com/").build())
            .insert(owner, workspace)
            .id();
    owner
        .sql("UPDATE connectors SET max_concurrent_runs = ? WHERE id = ?")
        .params(limit, id)
        .update();
    return id;
  }
}
