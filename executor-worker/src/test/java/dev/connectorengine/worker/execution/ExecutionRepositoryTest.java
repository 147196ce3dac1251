package dev.connectorengine.worker.execution;

import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.testdata.ConnectorStats;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;

class ExecutionRepositoryTest {

  private static FreshDatabase database;
  private static HikariDataSource dataSource;
  private static JdbcClient jdbc;

  private ExecutionRepository repository;
  private ExecutionFinisher finisher;
  private ConnectorRow connector;

  @BeforeAll
  static void createDatabase() {
    database = FreshDatabase.createMigrated();
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(database.jdbcUrl());
    dataSource.setUsername(database.username());
    dataSource.setPassword(database.password());
    dataSource.setMaximumPoolSize(8);
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
    finisher =
        new ExecutionFinisher(
            repository,
            new StatisticsRecorder(jdbc),
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    connector =
        aConnector()
            .withSteps(step("a", "GET", "http://localhost/a").build())
            .insert(jdbc, aWorkspace(jdbc));
  }

  @Test
  void claim_succeeds_once_when_two_claimers_race() throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(anExecution(connector).insert(jdbc));
    }
    ExecutionClaimer first = claimer("worker-a");
    ExecutionClaimer second = claimer("worker-b");
    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      for (UUID id : ids) {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<ClaimResult> a = threads.submit(() -> claimAfter(start, first, id));
        Future<ClaimResult> b = threads.submit(() -> claimAfter(start, second, id));
        int claims = a.get().claimed().size() + b.get().claimed().size();

        assertThat(claims).as("claims of %s", id).isEqualTo(1);
        ExecutionRow row = ExecutionRow.read(jdbc, id);
        assertThatExecution(row).hasStatus("running");
        assertThat(row.attempt()).isEqualTo(1);
        assertThat(row.leaseOwner())
            .isEqualTo(a.get().claimed().isEmpty() ? "worker-b" : "worker-a");
      }
    }
  }

  @Test
  void claim_sets_the_lease_the_attempt_and_the_deadline() {
    UUID id = anExecution(connector).withTimeoutMs(5_000).insert(jdbc);

    ClaimedExecution claimed = claimer("worker-a").claim(List.of(id)).claimed().getFirst();

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThat(claimed.attempt()).isEqualTo(1);
    assertThat(claimed.deadlineAt()).isEqualTo(claimed.startedAt().plusMillis(5_000));
    assertThat(row.deadlineAt()).isEqualTo(claimed.deadlineAt());
    assertThat(row.leaseExpiresAt())
        .isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(70));
  }

  @Test
  void claim_skips_rows_that_are_not_pending_and_names_ids_without_a_row() {
    UUID running = anExecution(connector).insert(jdbc);
    claimer("worker-a").claim(List.of(running));
    UUID pending = anExecution(connector).insert(jdbc);
    UUID dangling = UUID.randomUUID();

    ClaimResult result = claimer("worker-b").claim(List.of(running, pending, dangling));

    assertThat(result.claimed()).extracting(ClaimedExecution::id).containsExactly(pending);
    assertThat(result.unknown()).containsExactly(dangling);
    assertThat(ExecutionRow.read(jdbc, running).leaseOwner()).isEqualTo("worker-a");
  }

  @Test
  void writes_fenced_on_an_old_attempt_change_nothing() {
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution stale = claimer("worker-a").claim(List.of(id)).claimed().getFirst();
    // The lease expired and the run went back to pending, then another worker claimed it.
    jdbc.sql("UPDATE connector_executions SET status = 'pending' WHERE id = ?").param(id).update();
    ClaimedExecution current = claimer("worker-b").claim(List.of(id)).claimed().getFirst();
    List<StepRecord> staleSteps = List.of(StepRecord.pending("a", "Step a").running(Instant.now()));

    boolean progressed = repository.recordProgress(id, stale.attempt(), "stale", staleSteps);
    boolean finished = finisher.finish(stale, outcome(ExecutionStatus.SUCCESS));

    assertThat(current.attempt()).isEqualTo(2);
    assertThat(progressed).isFalse();
    assertThat(finished).isFalse();
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row).hasStatus("running").hasCurrentStep(null);
    assertThat(row.leaseOwner()).isEqualTo("worker-b");
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(0, 0, 0));
  }

  @Test
  void progress_on_the_current_attempt_shows_the_running_step() {
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution claimed = claimer("worker-a").claim(List.of(id)).claimed().getFirst();

    boolean progressed =
        repository.recordProgress(
            id,
            claimed.attempt(),
            "a",
            List.of(StepRecord.pending("a", "Step a").running(Instant.now())));

    assertThat(progressed).isTrue();
    assertThatExecution(ExecutionRow.read(jdbc, id)).hasCurrentStep("a");
  }

  @Test
  void statistics_change_once_when_finish_is_called_twice() {
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution claimed = claimer("worker-a").claim(List.of(id)).claimed().getFirst();
    repository.recordProgress(id, claimed.attempt(), "a", List.of());

    boolean first = finisher.finish(claimed, outcome(ExecutionStatus.SUCCESS));
    boolean second = finisher.finish(claimed, outcome(ExecutionStatus.FAILED));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThatExecution(ExecutionRow.read(jdbc, id))
        .hasStatus("success")
        .hasCurrentStep("a")
        .isFinished();
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 1, 0));
  }

  @Test
  void statistics_slots_sum_to_the_terminal_counts() {
    List<ExecutionStatus> endings =
        List.of(
            ExecutionStatus.SUCCESS,
            ExecutionStatus.FAILED,
            ExecutionStatus.TIMEOUT,
            ExecutionStatus.CANCELLED);
    for (int i = 0; i < 40; i++) {
      UUID id = anExecution(connector).insert(jdbc);
      ClaimedExecution claimed = claimer("worker-a").claim(List.of(id)).claimed().getFirst();
      finisher.finish(claimed, outcome(endings.get(i % endings.size())));
    }

    int slots =
        jdbc.sql("SELECT count(*) FROM connector_execution_stats WHERE connector_id = ?")
            .param(connector.id())
            .query(Integer.class)
            .single();
    assertThat(slots).isGreaterThan(1).isLessThanOrEqualTo(StatisticsRecorder.SLOTS);
    // success 10; failed = failed 10 + timeout 10; cancelled counts in the total only
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(40, 10, 20));
  }

  private ExecutionClaimer claimer(String workerId) {
    return new ExecutionClaimer(
        repository,
        new WorkerSettings(
            workerId,
            1000,
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            300,
            100,
            Duration.ofSeconds(30)));
  }

  private static ClaimResult claimAfter(CyclicBarrier start, ExecutionClaimer claimer, UUID id)
      throws Exception {
    start.await();
    return claimer.claim(List.of(id));
  }

  private static RunOutcome outcome(ExecutionStatus status) {
    return new RunOutcome(
        status,
        JsonNodeFactory.instance.objectNode().put("ok", status == ExecutionStatus.SUCCESS),
        status == ExecutionStatus.SUCCESS ? null : "it " + status.wireName(),
        List.of(StepRecord.pending("a", "Step a")));
  }
}
