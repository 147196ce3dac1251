package dev.connectorengine.worker.execution;

import static dev.connectorengine.model.execution.StepStatus.PENDING;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectorengine.model.execution.ExecutionJson;
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
import dev.connectorengine.worker.testdata.ConnectorStats;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.OutboxEvents;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
  private OutboxEvents events;
  private SimpleMeterRegistry meters;
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
    events = new OutboxEvents(jdbc);
    meters = new SimpleMeterRegistry();
    finisher =
        new ExecutionFinisher(
            repository,
            jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
            events,
            new WorkerMetrics(meters),
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

    boolean progressed =
        ProgressWrites.record(repository, id, stale.attempt(), "stale", staleSteps);
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
        ProgressWrites.record(
            repository,
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
    ProgressWrites.record(repository, id, claimed.attempt(), "a", List.of());

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

  @Test
  void runs_ending_at_once_share_commits_and_are_each_counted_once() throws Exception {
    List<ClaimedExecution> claimed = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      UUID id = anExecution(connector).insert(jdbc);
      claimed.add(claimer("worker-a").claim(List.of(id)).claimed().getFirst());
    }

    List<Future<Boolean>> ended = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < claimed.size(); i++) {
        ClaimedExecution run = claimed.get(i);
        ExecutionStatus status = i % 3 == 0 ? ExecutionStatus.FAILED : ExecutionStatus.SUCCESS;
        ended.add(threads.submit(() -> finisher.finish(run, outcome(status))));
        // The same run ended twice in the same rush: only one of the two may count.
        if (i % 50 == 0) {
          ended.add(threads.submit(() -> finisher.finish(run, outcome(status))));
        }
      }
    }

    long firstEndings = 0;
    for (Future<Boolean> end : ended) {
      firstEndings += end.get() ? 1 : 0;
    }
    assertThat(firstEndings).isEqualTo(300);
    assertThat(ConnectorStats.read(jdbc, connector.id()))
        .isEqualTo(new ConnectorStats(300, 200, 100));
    DistributionSummary batches =
        meters.get("connector.engine.write.batch.size").tag("kind", "terminal").summary();
    assertThat(batches.totalAmount()).isEqualTo(300 + 6);
    assertThat(batches.count()).as("transactions for 306 endings").isLessThan(306);
    assertThat(events.of(claimed.stream().map(ClaimedExecution::id).toList()))
        .filteredOn(e -> e.status().isTerminal())
        .hasSize(300);
  }

  @Test
  void heartbeats_and_batched_writes_over_the_same_runs_never_deadlock() throws Exception {
    List<ClaimedExecution> runs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      UUID id = anExecution(connector).insert(jdbc);
      runs.add(claimer("worker-a").claim(List.of(id)).claimed().getFirst());
    }
    Set<UUID> ids = new java.util.HashSet<>(runs.stream().map(ClaimedExecution::id).toList());
    ExecutionLeases leases = leases(Duration.ofMinutes(1));
    List<StepRecord> steps = List.of(StepRecord.pending("a", "Step a").running(Instant.now()));

    try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
      List<Future<?>> work = new ArrayList<>();
      work.add(
          threads.submit(
              () -> {
                for (int i = 0; i < 40; i++) {
                  assertThat(leases.renew("worker-a", ids)).hasSize(200);
                }
              }));
      for (int writer = 0; writer < 2; writer++) {
        work.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 40; i++) {
                    List<ClaimedExecution> order = new ArrayList<>(runs);
                    java.util.Collections.shuffle(order);
                    List<ProgressWrite> batch =
                        order.stream()
                            .map(r -> new ProgressWrite(r.id(), r.attempt(), "a", steps))
                            .toList();
                    assertThat(repository.recordProgress(batch)).hasSize(200);
                  }
                }));
      }
      for (Future<?> done : work) {
        done.get();
      }
    }
  }

  @Test
  void progress_of_many_runs_in_one_batch_is_fenced_run_by_run() {
    UUID current = anExecution(connector).insert(jdbc);
    UUID takenOver = anExecution(connector).insert(jdbc);
    ClaimedExecution mine = claimer("worker-a").claim(List.of(current)).claimed().getFirst();
    ClaimedExecution stale = claimer("worker-a").claim(List.of(takenOver)).claimed().getFirst();
    jdbc.sql("UPDATE connector_executions SET status = 'pending' WHERE id = ?")
        .param(takenOver)
        .update();
    claimer("worker-b").claim(List.of(takenOver));
    List<StepRecord> steps = List.of(StepRecord.pending("a", "Step a").running(Instant.now()));

    Map<UUID, Integer> held =
        repository.recordProgress(
            List.of(
                new ProgressWrite(mine.id(), mine.attempt(), "a", steps),
                new ProgressWrite(stale.id(), stale.attempt(), "a", steps)));

    assertThat(held).containsExactly(Map.entry(current, 1));
    assertThatExecution(ExecutionRow.read(jdbc, current)).hasCurrentStep("a");
    assertThatExecution(ExecutionRow.read(jdbc, takenOver)).hasCurrentStep(null);
  }

  @Test
  void claim_and_finish_record_running_then_the_terminal_status_in_sequence() {
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution claimed = claimer("worker-a").claim(List.of(id)).claimed().getFirst();
    ProgressWrites.record(repository, id, claimed.attempt(), "a", List.of());

    finisher.finish(claimed, outcome(ExecutionStatus.SUCCESS));

    assertThat(events.of(id))
        .extracting(ExecutionEvent::status, ExecutionEvent::currentStep, ExecutionEvent::sequence)
        .containsExactly(
            tuple(ExecutionStatus.RUNNING, null, 1), tuple(ExecutionStatus.SUCCESS, "a", 2));
    assertThat(events.of(id))
        .allSatisfy(
            event -> {
              assertThat(event.connectorId()).isEqualTo(connector.id());
              assertThat(event.workspaceId()).isEqualTo(connector.workspaceId());
            });
  }

  @Test
  void heartbeat_renews_the_leases_of_the_listed_runs_of_this_worker_only() {
    UUID inFlight = anExecution(connector).insert(jdbc);
    UUID notListed = anExecution(connector).insert(jdbc);
    UUID otherWorkers = anExecution(connector).insert(jdbc);
    claimer("worker-a").claim(List.of(inFlight, notListed));
    claimer("worker-b").claim(List.of(otherWorkers));
    Instant before = ExecutionRow.read(jdbc, inFlight).leaseExpiresAt();

    Set<UUID> renewed =
        leases(Duration.ofMinutes(10)).renew("worker-a", Set.of(inFlight, otherWorkers));

    assertThat(renewed).containsExactly(inFlight);
    assertThat(ExecutionRow.read(jdbc, inFlight).leaseExpiresAt())
        .isAfter(Instant.now().plus(Duration.ofMinutes(9)));
    assertThat(ExecutionRow.read(jdbc, notListed).leaseExpiresAt()).isEqualTo(before);
    assertThat(ExecutionRow.read(jdbc, otherWorkers).leaseExpiresAt())
        .isBefore(Instant.now().plus(Duration.ofMinutes(2)));
  }

  @Test
  void heartbeat_does_not_renew_a_run_that_ended() {
    UUID id = anExecution(connector).insert(jdbc);
    ClaimedExecution claimed = claimer("worker-a").claim(List.of(id)).claimed().getFirst();
    finisher.finish(claimed, outcome(ExecutionStatus.SUCCESS));

    assertThat(leases(Duration.ofMinutes(1)).renew("worker-a", Set.of(id))).isEmpty();
    assertThat(ExecutionRow.read(jdbc, id).leaseExpiresAt()).isNull();
  }

  @Test
  void cancellation_poll_finds_only_this_workers_running_runs_asked_to_cancel() {
    UUID mine = anExecution(connector).insert(jdbc);
    UUID mineNotAsked = anExecution(connector).insert(jdbc);
    UUID others = anExecution(connector).insert(jdbc);
    claimer("worker-a").claim(List.of(mine, mineNotAsked));
    claimer("worker-b").claim(List.of(others));
    jdbc.sql("UPDATE connector_executions SET cancel_requested_at = now() WHERE id IN (?, ?)")
        .params(mine, others)
        .update();

    assertThat(leases(Duration.ofMinutes(1)).cancelRequested("worker-a")).containsExactly(mine);
  }

  @Test
  void give_back_returns_the_run_to_pending_fenced_on_the_attempt() {
    UUID id = anExecution(connector).insert(jdbc);
    UUID takenOver = anExecution(connector).insert(jdbc);
    ClaimedExecution claimed = claimer("worker-a").claim(List.of(id)).claimed().getFirst();
    ClaimedExecution stale = claimer("worker-a").claim(List.of(takenOver)).claimed().getFirst();
    ProgressWrites.record(
        repository,
        id,
        claimed.attempt(),
        "a",
        List.of(StepRecord.pending("a", "Step a").running(Instant.now())));
    // takenOver went back to pending and another worker claimed it (attempt 2).
    jdbc.sql("UPDATE connector_executions SET status = 'pending' WHERE id = ?")
        .param(takenOver)
        .update();
    claimer("worker-b").claim(List.of(takenOver));

    List<RequeuedExecution> given =
        leases(Duration.ofMinutes(1))
            .giveBack(Map.of(id, claimed.attempt(), takenOver, stale.attempt()));

    assertThat(given)
        .containsExactly(
            new RequeuedExecution(id, connector.workspaceId(), connector.id(), claimed.attempt()));
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row).hasStatus("pending").hasCurrentStep("a").hasStepStatuses(PENDING);
    assertThat(row.leaseOwner()).isNull();
    assertThat(row.leaseExpiresAt()).isNull();
    assertThat(row.attempt()).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT give_backs FROM connector_executions WHERE id = ?")
                .param(id)
                .query(Integer.class)
                .single())
        .as("given back once: counted apart from lost workers")
        .isEqualTo(1);
    assertThat(ExecutionJson.writeSteps(row.steps().subList(0, 1)))
        .isEqualTo(ExecutionJson.writeSteps(List.of(StepRecord.pending("a", "Step a"))));
    ExecutionRow other = ExecutionRow.read(jdbc, takenOver);
    assertThatExecution(other).hasStatus("running");
    assertThat(other.leaseOwner()).isEqualTo("worker-b");
    assertThat(events.of(id).getLast().status()).isEqualTo(ExecutionStatus.PENDING);
  }

  private ExecutionClaimer claimer(String workerId) {
    Incarnation owner = TestIncarnations.alive(workerId);
    return new ExecutionClaimer(
        repository,
        () -> owner,
        WorkerSettings.of(workerId, Duration.ofSeconds(60)),
        events,
        new WorkerMetrics(new SimpleMeterRegistry()));
  }

  private ExecutionLeases leases(Duration lease) {
    return new ExecutionLeases(
        new LeaseRepository(new ControlDatabase(dataSource)),
        WorkerSettings.of("worker", lease),
        events);
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
