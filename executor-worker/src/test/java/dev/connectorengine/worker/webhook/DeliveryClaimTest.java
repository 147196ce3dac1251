package dev.connectorengine.worker.webhook;

import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectorengine.model.webhook.DeliveryAttempt;
import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox against the real database: what the terminal trigger records, and how workers claim
 * and fence deliveries. Time is passed in, as the worker's clock would give it.
 */
class DeliveryClaimTest {

  static final Duration LEASE = Duration.ofSeconds(15);

  static FreshDatabase database;
  static HikariDataSource dataSource;
  static JdbcClient jdbc;

  DeliveryRepository deliveries;
  ConnectorRow connector;
  Instant now;

  @BeforeAll
  static void createDatabase() {
    database = FreshDatabase.createMigrated();
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(database.jdbcUrl());
    dataSource.setUsername(database.username());
    dataSource.setPassword(database.password());
    dataSource.setMaximumPoolSize(8);
    // As the worker's role: its grants and row-level security apply.
    dataSource.setConnectionInitSql("SET ROLE connector_engine_worker");
    jdbc = JdbcClient.create(dataSource);
  }

  @AfterAll
  static void dropDatabase() {
    dataSource.close();
    database.close();
  }

  @BeforeEach
  void setUp() {
    JdbcClient owner = owner();
    owner.sql("DELETE FROM webhook_deliveries").update();
    deliveries = new DeliveryRepository(jdbc);
    connector =
        aConnector()
            .withSteps(step("ping", "GET", "https://example.com/ping").build())
            .insert(owner, aWorkspace(owner));
    now = owner.sql("SELECT now()").query(java.sql.Timestamp.class).single().toInstant();
  }

  @Test
  void a_terminal_transition_records_one_delivery_per_matching_endpoint_and_the_callback() {
    JdbcClient owner = owner();
    UUID wanted =
        endpoint(connector.workspaceId(), null, "execution.failed", "execution.succeeded");
    endpoint(connector.workspaceId(), null, "execution.cancelled");
    UUID otherConnector =
        aConnector()
            .withSteps(step("ping", "GET", "https://example.com/ping").build())
            .insert(owner, connector.workspaceId())
            .id();
    endpoint(connector.workspaceId(), otherConnector, "execution.succeeded");
    UUID disabled = endpoint(connector.workspaceId(), null, "execution.succeeded");
    owner
        .sql("UPDATE webhook_endpoints SET enabled = false WHERE id = ?")
        .params(disabled)
        .update();
    ConnectorRow elsewhere =
        aConnector()
            .withSteps(step("ping", "GET", "https://example.com/ping").build())
            .insert(owner, aWorkspace(owner));
    endpoint(elsewhere.workspaceId(), null, "execution.succeeded");
    UUID run = anExecution(connector).insert(owner);
    owner
        .sql("UPDATE connector_executions SET callback_url = 'https://cb.example/x' WHERE id = ?")
        .params(run)
        .update();

    // As the worker ends runs: its role writes the terminal status, the trigger the outbox.
    jdbc.sql("UPDATE connector_executions SET status = 'running' WHERE id = ?")
        .params(run)
        .update();
    assertThat(count()).isZero();
    jdbc.sql("UPDATE connector_executions SET status = 'success' WHERE id = ?")
        .params(run)
        .update();
    jdbc.sql("UPDATE connector_executions SET status = 'success', current_step = 'x' WHERE id = ?")
        .params(run)
        .update();

    List<String> recorded =
        owner
            .sql(
                """
                SELECT coalesce(endpoint_id::text, 'callback') || ' ' || url || ' ' || event_type
                  FROM webhook_deliveries WHERE execution_id = ? ORDER BY 1
                """)
            .params(run)
            .query(String.class)
            .list();
    assertThat(recorded)
        .containsExactlyInAnyOrder(
            wanted + " https://hooks.example/" + wanted + " execution.succeeded",
            "callback https://cb.example/x execution.succeeded");
  }

  @Test
  void two_workers_claiming_at_once_never_take_the_same_delivery() throws Exception {
    for (int i = 0; i < 40; i++) {
      delivery();
    }
    List<Callable<List<ClaimedDelivery>>> workers = new ArrayList<>();
    for (String owner : List.of("worker-a", "worker-b", "worker-c", "worker-d")) {
      workers.add(() -> deliveries.claim(owner, now, now.plus(LEASE), 15));
    }
    Set<UUID> claimed = new HashSet<>();
    int total = 0;
    try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
      for (Future<List<ClaimedDelivery>> result : executor.invokeAll(workers)) {
        for (ClaimedDelivery delivery : result.get()) {
          claimed.add(delivery.id());
          total++;
        }
      }
    }
    assertThat(total).isEqualTo(40);
    assertThat(claimed).hasSize(40);
  }

  @Test
  void a_claimed_delivery_is_due_again_only_when_its_lease_lapses() {
    UUID id = delivery();

    ClaimedDelivery first = single(deliveries.claim("worker-a", now, now.plus(LEASE), 10));
    assertThat(deliveries.claim("worker-b", now.plusSeconds(14), now.plusSeconds(30), 10))
        .isEmpty();
    ClaimedDelivery second =
        single(deliveries.claim("worker-b", now.plusSeconds(16), now.plusSeconds(31), 10));

    assertThat(first.id()).isEqualTo(id);
    assertThat(second.id()).isEqualTo(id);
    assertThat(second.claims()).isEqualTo(first.claims() + 1);
    assertThat(second.messageId()).isEqualTo(first.messageId()).isEqualTo("msg_" + id);
    assertThat(
            owner()
                .sql("SELECT lease_owner FROM webhook_deliveries WHERE id = ?")
                .params(id)
                .query(String.class)
                .single())
        .isEqualTo("worker-b");
  }

  @Test
  void the_result_of_a_lost_claim_writes_nothing() {
    delivery();
    ClaimedDelivery stale = single(deliveries.claim("worker-a", now, now.plus(LEASE), 10));
    ClaimedDelivery current =
        single(
            deliveries.claim("worker-b", now.plus(LEASE).plusSeconds(1), now.plusSeconds(60), 10));

    boolean staleWrote =
        deliveries.record(stale, DeliveryStatus.FAILED, now, attempt(now, 404, "HTTP 404"));
    boolean currentWrote =
        deliveries.record(current, DeliveryStatus.DELIVERED, now, attempt(now, 200, null));

    assertThat(staleWrote).isFalse();
    assertThat(currentWrote).isTrue();
    assertThat(status(current.id())).isEqualTo("delivered");
    assertThat(
            owner()
                .sql("SELECT jsonb_array_length(attempts) FROM webhook_deliveries WHERE id = ?")
                .params(current.id())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void a_retried_delivery_waits_for_its_next_attempt_and_counts_the_attempts_of_its_cycle() {
    delivery();
    ClaimedDelivery first = single(deliveries.claim("worker-a", now, now.plus(LEASE), 10));
    Instant next = now.plusSeconds(5);
    assertThat(
            deliveries.record(first, DeliveryStatus.PENDING, next, attempt(now, 503, "HTTP 503")))
        .isTrue();

    assertThat(deliveries.claim("worker-a", next.minusMillis(1), next.plus(LEASE), 10)).isEmpty();
    ClaimedDelivery second = single(deliveries.claim("worker-a", next, next.plus(LEASE), 10));

    assertThat(first.cycleAttempts()).isZero();
    assertThat(second.cycleAttempts()).isEqualTo(1);
    assertThat(status(second.id())).isEqualTo("pending");
  }

  @Test
  void a_delivery_of_a_deleted_endpoint_is_claimed_as_gone() {
    UUID endpoint = endpoint(connector.workspaceId(), null, "execution.succeeded");
    UUID run = anExecution(connector).insert(owner());
    jdbc.sql("UPDATE connector_executions SET status = 'running' WHERE id = ?")
        .params(run)
        .update();
    jdbc.sql("UPDATE connector_executions SET status = 'success' WHERE id = ?")
        .params(run)
        .update();
    owner()
        .sql("UPDATE webhook_endpoints SET deleted_at = now() WHERE id = ?")
        .params(endpoint)
        .update();

    ClaimedDelivery claimed =
        single(deliveries.claim("worker-a", now.plusSeconds(1), now.plus(LEASE), 10));

    assertThat(claimed.endpointId()).isEqualTo(endpoint);
    assertThat(claimed.endpointGone()).isTrue();
  }

  private UUID delivery() {
    UUID run = anExecution(connector).insert(owner());
    UUID id = UUID.randomUUID();
    owner()
        .sql(
            """
            INSERT INTO webhook_deliveries (id, workspace_id, execution_id, url, event_type,
                                            message_id, next_attempt_at, cycle_started_at)
            VALUES (?, ?, ?, 'https://cb.example/x', 'execution.succeeded', ?, ?, ?)
            """)
        .params(
            id,
            connector.workspaceId(),
            run,
            "msg_" + id,
            java.sql.Timestamp.from(now.minusMillis(10)),
            java.sql.Timestamp.from(now.minusMillis(10)))
        .update();
    return id;
  }

  private UUID endpoint(UUID workspaceId, UUID connectorId, String... events) {
    UUID id = UUID.randomUUID();
    owner()
        .sql(
            """
            INSERT INTO webhook_endpoints (id, workspace_id, url, events, connector_id)
            VALUES (?, ?, ?, ?::text[], ?)
            """)
        .params(
            id,
            workspaceId,
            "https://hooks.example/" + id,
            "{" + String.join(",", events) + "}",
            connectorId)
        .update();
    return id;
  }

  private static DeliveryAttempt attempt(Instant at, int status, String error) {
    return new DeliveryAttempt(at.truncatedTo(ChronoUnit.MILLIS), status, 5, error, null);
  }

  private static ClaimedDelivery single(List<ClaimedDelivery> claimed) {
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }

  private String status(UUID id) {
    return owner()
        .sql("SELECT status FROM webhook_deliveries WHERE id = ?")
        .params(id)
        .query(String.class)
        .single();
  }

  private long count() {
    return owner().sql("SELECT count(*) FROM webhook_deliveries").query(Long.class).single();
  }

  private static JdbcClient owner() {
    return dev.connectorengine.worker.testdata.OwnerJdbc.of(database);
  }
}
