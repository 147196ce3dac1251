package dev.connectorengine.worker.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.worker.liveness.WorkerLiveness;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Liveness, lease renewals and sweeps run on a pool of their own, with short timeouts, so they
 * never wait behind runs' writes.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "spring.datasource.hikari.maximum-pool-size=2",
      "spring.datasource.hikari.connection-timeout=250",
      "connector-engine.worker.control-pool.statement-timeout=3s",
      "connector-engine.worker.control-pool.idle-in-transaction-timeout=1500ms",
      "connector-engine.worker.control-pool.socket-timeout=7s"
    })
@Import(NoBrokerEvents.class)
class ControlDatabaseTest {

  @Autowired ControlDatabase control;
  @Autowired DataSource main;
  @Autowired WorkerLiveness liveness;
  @Autowired @Owner JdbcClient owner;

  @Test
  void the_control_pool_has_its_own_short_timeouts_and_acts_as_the_workers_role() throws Exception {
    assertThat(show(control.jdbc(), "statement_timeout")).isEqualTo("3s");
    assertThat(show(control.jdbc(), "idle_in_transaction_session_timeout")).isEqualTo("1500ms");
    assertThat(show(control.jdbc(), "role")).isEqualTo("connector_engine_worker");
    assertThat(show(JdbcClient.create(main), "statement_timeout")).isEqualTo("15s");
    try (Connection connection = control.dataSource().getConnection()) {
      assertThat(connection.getNetworkTimeout()).isEqualTo(7_000);
    }
  }

  @Test
  void liveness_is_renewed_while_every_main_connection_is_taken() throws Exception {
    String me = liveness.current().owner();
    List<Connection> taken = new ArrayList<>();
    try {
      taken.add(main.getConnection());
      taken.add(main.getConnection());
      Instant before = expiresAt(me);

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(expiresAt(me)).isAfter(before));
      assertThat(liveness.current().owner()).isEqualTo(me);
    } finally {
      for (Connection connection : taken) {
        connection.close();
      }
    }
  }

  private Instant expiresAt(String incarnation) {
    return owner
        .sql("SELECT expires_at FROM worker_liveness WHERE owner = ?")
        .param(incarnation)
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  private static String show(JdbcClient jdbc, String setting) {
    return jdbc.sql("SHOW " + setting).query(String.class).single();
  }
}
