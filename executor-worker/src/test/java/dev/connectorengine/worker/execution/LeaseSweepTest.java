package dev.connectorengine.worker.execution;

import static dev.connectorengine.model.execution.StepStatus.FAILED;
import static dev.connectorengine.model.execution.StepStatus.PENDING;
import static dev.connectorengine.model.execution.StepStatus.SKIPPED;
import static dev.connectorengine.model.execution.StepStatus.SUCCESS;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.database.ControlDatabase;
import dev.connectorengine.worker.liveness.TestIncarnations;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import dev.connectorengine.worker.testdata.ConnectorStats;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.OutboxEvents;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
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

/** The sweeper's repairs against the real database, as if the worker holding a run had died. */
class LeaseSweepTest {

  private static final SweepRules RULES =
      new SweepRules(500, 3, Duration.ofSeconds(30), Duration.ofSeconds(2));

  private static FreshDatabase database;
  private static HikariDataSource dataSource;
  private static JdbcClient jdbc;

  private OutboxEvents events;
  private LeaseSweep sweep;
  private ExecutionClaimer claimer;
  private ExecutionRepository repository;
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
    jdbc.sql("DELETE FROM connector_executions").update();
    jdbc.sql("DELETE FROM worker_liveness").update();
    events = new OutboxEvents(jdbc);
    WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
    repository = new ExecutionRepository(jdbc);
    sweep = newSweep();
    claimer =
        new ExecutionClaimer(
            repository,
            () -> TestIncarnations.alive("dead-worker"),
            WorkerSettings.of("dead-worker", Duration.ofSeconds(60)),
            events,
            metrics);
    connector =
        aConnector()
            .withSteps(
                step("a", "GET", "http://localhost/a").build(),
                step("b", "GET", "http://localhost/b").build())
            .insert(jdbc, aWorkspace(jdbc));
  }

  @Test
  void a_run_whose_lease_expired_goes_back_to_pending_with_its_job_to_publish() {
    UUID id = runningInStepA();
    expireLease(id);

    SweepReport report = sweep.sweep(RULES);

    assertThat(report.acted()).isTrue();
    assertThat(report.requeued())
        .containsExactly(new RequeuedExecution(id, connector.workspaceId(), connector.id(), 1));
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("pending")
        .hasCurrentStep("a")
        .hasStepStatuses(PENDING, PENDING);
    assertThat(ExecutionJson.writeSteps(row.steps().subList(0, 1)))
        .isEqualTo(ExecutionJson.writeSteps(List.of(StepRecord.pending("a", "Step a"))));
    assertThat(row.leaseOwner()).isNull();
    assertThat(row.attempt()).isEqualTo(1);
    assertThat(events.of(id).getLast().status()).isEqualTo(ExecutionStatus.PENDING);
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(0, 0, 0));
  }

  @Test
  void
      a_run_whose_worker_stopped_renewing_its_liveness_goes_back_to_pending_before_its_lease_ends() {
    UUID id = runningInStepA();
    UUID other = runningInStepA();
    livenessOf("dead-worker", "now() - interval '1 second'");

    SweepReport report = sweep.sweep(RULES);

    assertThat(report.requeued())
        .extracting(RequeuedExecution::id)
        .containsExactlyInAnyOrder(id, other);
    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("pending");
    assertThat(ExecutionRow.read(jdbc, id).leaseOwner()).isNull();
  }

  @Test
  void a_run_of_a_worker_that_renews_its_liveness_is_left_alone() {
    UUID id = runningInStepA();
    livenessOf("dead-worker", "now() + interval '5 seconds'");

    SweepReport report = sweep.sweep(RULES);

    assertThat(report.requeued()).isEmpty();
    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("running");
  }

  @Test
  void a_requeued_run_keeps_its_finished_steps_and_their_outputs_for_the_next_claim() {
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution claimed = claimer.claim(List.of(id)).claimed().getFirst();
    StepRecord a =
        StepRecord.pending("a", "Step a")
            .running(Instant.now())
            .succeeded(1, 200, 12, ExecutionJson.read("{\"id\": \"p-1\"}"), Instant.now());
    ProgressWrites.record(
        repository,
        id,
        claimed.attempt(),
        "b",
        List.of(a, StepRecord.pending("b", "Step b").running(Instant.now())));
    expireLease(id);

    sweep.sweep(RULES);
    ClaimedExecution again = claimer.claim(List.of(id)).claimed().getFirst();

    assertThat(again.resumedSteps())
        .extracting(StepRecord::status)
        .containsExactly(SUCCESS, PENDING);
    assertThat(again.resumedSteps().getFirst().output())
        .isEqualTo(ExecutionJson.read("{\"id\": \"p-1\"}"));
    assertThat(again.resumedSteps().getFirst().finishedAt()).isEqualTo(a.finishedAt());
  }

  @Test
  void give_backs_do_not_use_up_the_runs_crash_budget() {
    UUID id = runningInStepA();
    jdbc.sql("UPDATE connector_executions SET attempt = 3, give_backs = 2 WHERE id = ?")
        .param(id)
        .update();
    expireLease(id);

    SweepReport report = sweep.sweep(RULES);

    assertThat(report.workerLost()).isZero();
    assertThat(report.requeued()).extracting(RequeuedExecution::id).containsExactly(id);
  }

  @Test
  void the_next_claim_of_a_swept_run_keeps_its_first_deadline() {
    UUID id = runningInStepA();
    Instant deadline = ExecutionRow.read(jdbc, id).deadlineAt();
    expireLease(id);
    sweep.sweep(RULES);

    ClaimedExecution again = claimer.claim(List.of(id)).claimed().getFirst();

    assertThat(again.attempt()).isEqualTo(2);
    assertThat(again.deadlineAt()).isEqualTo(deadline);
  }

  @Test
  void a_run_whose_lease_expired_on_its_last_attempt_fails_as_worker_lost_counted_once() {
    UUID id = runningInStepA();
    jdbc.sql("UPDATE connector_executions SET attempt = 3 WHERE id = ?").param(id).update();
    expireLease(id);

    SweepReport first = sweep.sweep(RULES);
    SweepReport second = sweep.sweep(RULES);

    assertThat(first.workerLost()).isEqualTo(1);
    assertThat(first.requeued()).isEmpty();
    assertThat(second.workerLost()).isZero();
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasStepStatuses(FAILED, SKIPPED)
        .hasErrorMessageContaining("worker lost on attempt 3", "lost 3 times")
        .isFinished();
    assertThat(row.steps().getFirst().error()).isEqualTo("worker lost");
    assertThat(row.steps().getFirst().finishedAt()).isNotNull();
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 0, 1));
    assertThat(events.of(id).getLast().status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void an_overdue_run_ends_as_timeout_whatever_its_lease() {
    UUID id = runningInStepA();
    jdbc.sql(
            "UPDATE connector_executions SET deadline_at = now() - interval '10 seconds'"
                + " WHERE id = ?")
        .param(id)
        .update();

    SweepReport report = sweep.sweep(RULES);
    sweep.sweep(RULES);

    assertThat(report.timedOut()).isEqualTo(1);
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("timeout")
        .hasCurrentStep("a")
        .hasStepStatuses(FAILED, SKIPPED)
        .hasErrorMessageContaining("run timed out after 30000 ms in step 'a'")
        .isFinished();
    assertThat(row.steps().get(1).error()).isEqualTo("not run: the run's deadline passed");
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 0, 1));
  }

  @Test
  void a_run_just_past_its_deadline_is_left_to_its_worker_for_the_grace() {
    UUID id = runningInStepA();
    jdbc.sql(
            "UPDATE connector_executions SET deadline_at = now() - interval '500 milliseconds'"
                + " WHERE id = ?")
        .param(id)
        .update();

    SweepReport report = sweep.sweep(RULES);

    assertThat(report.timedOut()).isZero();
    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("running");
  }

  @Test
  void a_lost_run_that_was_asked_to_cancel_ends_cancelled_counted_in_the_total_only() {
    UUID id = runningInStepA();
    jdbc.sql("UPDATE connector_executions SET cancel_requested_at = now() WHERE id = ?")
        .param(id)
        .update();
    expireLease(id);

    SweepReport report = sweep.sweep(RULES);

    assertThat(report.cancelled()).isEqualTo(1);
    assertThat(report.requeued()).isEmpty();
    assertThatExecution(ExecutionRow.read(jdbc, id))
        .hasStatus("cancelled")
        .hasStepStatuses(FAILED, SKIPPED)
        .isFinished();
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 0, 0));
  }

  @Test
  void a_pending_run_untouched_for_a_while_is_republished_once_per_wait() {
    UUID waiting = anExecution(connector).insert(jdbc);
    UUID fresh = anExecution(connector).insert(jdbc);
    jdbc.sql(
            "UPDATE connector_executions SET updated_at = now() - interval '1 minute'"
                + " WHERE id = ?")
        .param(waiting)
        .update();

    SweepReport first = sweep.sweep(RULES);
    SweepReport second = sweep.sweep(RULES);

    assertThat(first.republish())
        .containsExactly(
            new RequeuedExecution(waiting, connector.workspaceId(), connector.id(), 0));
    assertThat(second.republish()).isEmpty();
    assertThatExecution(ExecutionRow.read(jdbc, waiting)).hasStatus("pending");
    assertThatExecution(ExecutionRow.read(jdbc, fresh)).hasStatus("pending");
  }

  @Test
  void a_run_with_a_live_lease_is_left_alone() {
    UUID id = runningInStepA();

    SweepReport report = sweep.sweep(RULES);

    assertThat(report).isEqualTo(new SweepReport(true, 0, 0, 0, List.of(), List.of()));
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row).hasStatus("running").hasCurrentStep("a");
    assertThat(row.leaseOwner()).isEqualTo("dead-worker");
  }

  @Test
  void no_sweep_acts_while_another_holds_the_sweep_lock() throws Exception {
    UUID id = runningInStepA();
    expireLease(id);

    try (Connection other = database.connect();
        Statement statement = other.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(" + SweepRepository.LOCK_KEY + ")");

      SweepReport blocked = sweep.sweep(RULES);

      assertThat(blocked.acted()).isFalse();
      assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("running");
      statement.execute("SELECT pg_advisory_unlock(" + SweepRepository.LOCK_KEY + ")");
    }
    assertThat(sweep.sweep(RULES).requeued()).extracting(RequeuedExecution::id).containsExactly(id);
  }

  @Test
  void sweeps_racing_each_other_requeue_each_run_once() throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      UUID id = anExecution(connector).insert(jdbc);
      claimer.claim(List.of(id));
      ids.add(id);
    }
    jdbc.sql("UPDATE connector_executions SET lease_expires_at = now() - interval '1 second'")
        .update();
    List<LeaseSweep> sweepers = List.of(newSweep(), newSweep(), newSweep(), newSweep());
    CyclicBarrier start = new CyclicBarrier(sweepers.size());
    List<RequeuedExecution> requeued = new ArrayList<>();

    try (ExecutorService threads = Executors.newFixedThreadPool(sweepers.size())) {
      List<Future<List<RequeuedExecution>>> results = new ArrayList<>();
      for (LeaseSweep sweeper : sweepers) {
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  List<RequeuedExecution> mine = new ArrayList<>();
                  for (int round = 0; round < 5; round++) {
                    mine.addAll(sweeper.sweep(RULES).requeued());
                  }
                  return mine;
                }));
      }
      for (Future<List<RequeuedExecution>> result : results) {
        requeued.addAll(result.get());
      }
    }

    assertThat(requeued).extracting(RequeuedExecution::id).containsExactlyInAnyOrderElementsOf(ids);
    for (UUID id : ids) {
      assertThat(ExecutionRow.read(jdbc, id).attempt()).isEqualTo(1);
    }
  }

  private LeaseSweep newSweep() {
    ControlDatabase control = new ControlDatabase(dataSource);
    return new LeaseSweep(
        new SweepRepository(control),
        control,
        events,
        new WorkerMetrics(new SimpleMeterRegistry()));
  }

  /** A run claimed by a worker, with its first step running, as the worker left it. */
  private UUID runningInStepA() {
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution claimed = claimer.claim(List.of(id)).claimed().getFirst();
    ProgressWrites.record(
        repository,
        id,
        claimed.attempt(),
        "a",
        List.of(
            StepRecord.pending("a", "Step a").running(Instant.now()),
            StepRecord.pending("b", "Step b")));
    return id;
  }

  private static void livenessOf(String owner, String expiresAt) {
    jdbc.sql("INSERT INTO worker_liveness (owner, expires_at) VALUES (?, " + expiresAt + ")")
        .param(owner)
        .update();
  }

  private static void expireLease(UUID id) {
    jdbc.sql(
            "UPDATE connector_executions SET lease_expires_at = now() - interval '1 second'"
                + " WHERE id = ?")
        .param(id)
        .update();
  }
}
