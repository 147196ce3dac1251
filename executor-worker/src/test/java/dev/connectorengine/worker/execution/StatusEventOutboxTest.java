package dev.connectorengine.worker.execution;

import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.messaging.ExecutionEvent;
import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.batch.BatchSettings;
import dev.connectorengine.worker.credential.CredentialUses;
import dev.connectorengine.worker.database.ControlDatabase;
import dev.connectorengine.worker.liveness.Incarnation;
import dev.connectorengine.worker.liveness.TestIncarnations;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import dev.connectorengine.worker.requestlog.RequestLogRepository;
import dev.connectorengine.worker.testdata.OutboxEvents;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The status events the database writes to the outbox with each status change (the trigger of
 * migration V8), through the worker's own writes: in the same transaction, once per change, and
 * numbered per execution.
 */
class StatusEventOutboxTest {

  private static FreshDatabase database;
  private static HikariDataSource dataSource;
  private static JdbcClient jdbc;

  private final WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
  private ExecutionRepository repository;
  private TransactionTemplate transactions;
  private OutboxEvents events;
  private ExecutionFinisher finisher;
  private ConnectorRow connector;

  @BeforeAll
  static void createDatabase() {
    database = FreshDatabase.createMigrated();
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(database.jdbcUrl());
    dataSource.setUsername(database.username());
    dataSource.setPassword(database.password());
    dataSource.setMaximumPoolSize(4);
    jdbc = JdbcClient.create(dataSource);
  }

  @AfterAll
  static void dropDatabase() {
    dataSource.close();
    database.close();
  }

  @BeforeEach
  void setUp() {
    repository = new ExecutionRepository(jdbc);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    events = new OutboxEvents(jdbc);
    finisher =
        new ExecutionFinisher(
            repository,
            jdbc,
            transactions,
            events,
            metrics,
            new RequestLogRepository(jdbc),
            new CredentialUses(jdbc, Clock.systemUTC()),
            BatchSettings.defaults());
    connector =
        aConnector()
            .withSteps(step("a", "GET", "http://localhost/a").build())
            .insert(jdbc, aWorkspace(jdbc));
  }

  @AfterEach
  void closeWriters() {
    finisher.close();
  }

  @Test
  void a_status_change_and_its_event_commit_or_roll_back_together() {
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution claimed = claimer("worker-a").claim(List.of(id)).claimed().getFirst();
    TerminalWrite end = new TerminalWrite(id, claimed.attempt(), outcome(ExecutionStatus.SUCCESS));

    transactions.executeWithoutResult(
        status -> {
          assertThat(repository.finish(List.of(end))).hasSize(1);
          assertThat(statusOf(id)).isEqualTo("success");
          assertThat(events.of(id))
              .extracting(ExecutionEvent::status)
              .contains(ExecutionStatus.SUCCESS);
          status.setRollbackOnly();
        });

    assertThat(statusOf(id)).isEqualTo("running");
    assertThat(events.of(id))
        .as("the rolled-back change left no event")
        .extracting(ExecutionEvent::status)
        .containsExactly(ExecutionStatus.RUNNING);

    transactions.executeWithoutResult(status -> repository.finish(List.of(end)));

    assertThat(events.of(id))
        .extracting(ExecutionEvent::status, ExecutionEvent::sequence)
        .containsExactly(tuple(ExecutionStatus.RUNNING, 1), tuple(ExecutionStatus.SUCCESS, 2));
  }

  @Test
  void sequence_counts_every_status_change_of_a_run_across_claims() {
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution first = claimer("worker-a").claim(List.of(id)).claimed().getFirst();
    ProgressWrites.record(
        repository,
        id,
        first.attempt(),
        "a",
        List.of(StepRecord.pending("a", "Step a").running(Instant.now())));
    leases().giveBack(Map.of(id, first.attempt()));
    ClaimedExecution second = claimer("worker-b").claim(List.of(id)).claimed().getFirst();

    assertThat(finisher.finish(second, outcome(ExecutionStatus.FAILED))).isTrue();

    List<ExecutionEvent> recorded = events.of(id);
    assertThat(recorded)
        .extracting(ExecutionEvent::sequence, ExecutionEvent::status, ExecutionEvent::currentStep)
        .containsExactly(
            tuple(1, ExecutionStatus.RUNNING, null),
            tuple(2, ExecutionStatus.PENDING, "a"),
            tuple(3, ExecutionStatus.RUNNING, "a"),
            tuple(4, ExecutionStatus.FAILED, "a"));
    assertThat(recorded)
        .extracting(ExecutionEvent::eventId)
        .doesNotContainNull()
        .doesNotHaveDuplicates();
    assertThat(recorded)
        .allSatisfy(
            event -> {
              assertThat(event.executionId()).isEqualTo(id);
              assertThat(event.workspaceId()).isEqualTo(connector.workspaceId());
              assertThat(event.connectorId()).isEqualTo(connector.id());
              assertThat(event.at()).isNotNull();
            });
    assertThat(
            jdbc.sql("SELECT event_sequence FROM connector_executions WHERE id = ?")
                .param(id)
                .query(Integer.class)
                .single())
        .isEqualTo(4);
    assertThat(events.commits()).as("commits the relay was woken for").isEqualTo(4);
  }

  @Test
  void progress_writes_lease_renewals_and_a_second_ending_record_no_event() {
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution claimed = claimer("worker-a").claim(List.of(id)).claimed().getFirst();

    ProgressWrites.record(
        repository,
        id,
        claimed.attempt(),
        "a",
        List.of(StepRecord.pending("a", "Step a").running(Instant.now())));
    assertThat(leases().renew("worker-a", Set.of(id))).containsExactly(id);
    finisher.finish(claimed, outcome(ExecutionStatus.SUCCESS));
    finisher.finish(claimed, outcome(ExecutionStatus.FAILED));
    // A write that names the status without changing it.
    jdbc.sql("UPDATE connector_executions SET status = status WHERE id = ?").param(id).update();

    assertThat(events.of(id))
        .extracting(ExecutionEvent::status)
        .containsExactly(ExecutionStatus.RUNNING, ExecutionStatus.SUCCESS);
  }

  private static String statusOf(UUID id) {
    return jdbc.sql("SELECT status FROM connector_executions WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private ExecutionClaimer claimer(String workerId) {
    Incarnation owner = TestIncarnations.alive(workerId);
    return new ExecutionClaimer(
        repository,
        () -> owner,
        WorkerSettings.of(workerId, Duration.ofSeconds(60)),
        events,
        metrics);
  }

  private ExecutionLeases leases() {
    return new ExecutionLeases(
        new LeaseRepository(new ControlDatabase(dataSource)),
        WorkerSettings.of("worker", Duration.ofSeconds(60)),
        events);
  }

  private static RunOutcome outcome(ExecutionStatus status) {
    return new RunOutcome(
        status,
        JsonNodeFactory.instance.objectNode().put("ok", status == ExecutionStatus.SUCCESS),
        status == ExecutionStatus.SUCCESS ? null : "it " + status.wireName(),
        List.of(StepRecord.pending("a", "Step a")));
  }
}
