package dev.connectorengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connectorengine.systemtests.ExecutionTable.Row;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The path between one worker and PostgreSQL stops forwarding, without closing, for 30 s (a black
 * hole: a failover, a frozen VM). That worker stops its own runs before anyone may take them; the
 * other worker keeps sweeping and finishes them; no step is called by two workers at once; when the
 * path comes back the cut-off worker goes on as a new incarnation, and no run is left stuck.
 */
class DatabaseBlackHoleIT {

  private static final Duration STEP = Duration.ofSeconds(1);
  private static final Duration BLACK_HOLE = Duration.ofSeconds(30);
  private static final BlackHoleProxy PROXY = BlackHoleProxy.to("127.0.0.1", 5432);

  @RegisterExtension
  static RunningSystem system =
      RunningSystem.withWorkers(2).workerDatabaseVia(0, PROXY.port()).build();

  @AfterAll
  static void closeProxy() {
    PROXY.close();
  }

  @Test
  void a_worker_cut_off_from_the_database_stops_its_runs_and_the_other_worker_finishes_them() {
    Workspace workspace = system.newWorkspace("black hole");
    SlowApi api = SlowApi.stub(system, STEP);
    String connectorId = api.createConnector(workspace, Duration.ofMinutes(5));
    ExecutionTable table = new ExecutionTable(system.database());
    List<String> ids =
        new ArrayList<>(Triggers.accepted(Triggers.trigger(workspace, connectorId, 200, 16)));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> table.runningOwnedBy(RunningSystem.workerId(0)).size() >= 40);

    PROXY.hold();
    Instant cutAt = table.databaseNow();
    Set<String> cutOff =
        table.runningOwnedBy(RunningSystem.workerId(0)).stream()
            .map(row -> row.id().toString())
            .collect(Collectors.toSet());
    // The other worker sweeps the cut-off worker's runs back and finishes them meanwhile.
    await()
        .atMost(BLACK_HOLE.minusSeconds(5))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> cutOff.stream().allMatch(id -> table.byId(connectorId).get(id).terminal()));
    // Work triggered meanwhile runs too: the cut-off worker left the consumer group, so none of
    // its jobs waits on a partition only it would read.
    List<String> during = Triggers.accepted(Triggers.trigger(workspace, connectorId, 30, 8));
    ids.addAll(during);
    await()
        .atMost(Duration.between(table.databaseNow(), cutAt.plus(BLACK_HOLE)))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> during.stream().allMatch(id -> table.byId(connectorId).get(id).terminal()));
    // The rest of the black hole: the cut-off worker stays up throughout.
    Duration left = Duration.between(table.databaseNow(), cutAt.plus(BLACK_HOLE));
    await().during(left).atMost(left.plusSeconds(5)).until(() -> system.worker(0).isAlive());
    PROXY.release();
    ids.addAll(Triggers.accepted(Triggers.trigger(workspace, connectorId, 50, 8)));

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> table.ofConnector(connectorId).stream().allMatch(Row::terminal));
    Map<String, Row> rows = table.byId(connectorId);
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(table.statusCounts(connectorId))
        .as("runs not successful: %s", table.unsuccessful(connectorId))
        .isEqualTo(Map.of("success", (long) ids.size()));
    Triggers.assertStats(workspace, connectorId, ids.size(), ids.size(), 0);
    assertThat(cutOff).hasSizeGreaterThanOrEqualTo(40);
    assertThat(cutOff).allSatisfy(id -> assertThat(rows.get(id).attempt()).isEqualTo(2));
    assertNoStepCalledTwiceAtOnce();
    // A registration sent into the black hole comes back too late to be alive: it is replaced too.
    assertThat(incarnationsOf(RunningSystem.workerId(0)))
        .as("the cut-off worker went on as a new incarnation")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(system.worker(0).isAlive()).isTrue();
  }

  /** For each run and step, a call starts only after the one before it was answered. */
  private static void assertNoStepCalledTwiceAtOnce() {
    Map<String, List<Instant>> starts = new HashMap<>();
    for (ServeEvent event : system.wireMock().getAllServeEvents()) {
      LoggedRequest request = event.getRequest();
      QueryParameter run = request.queryParameter("run");
      if (run.isPresent()) {
        String step = request.getUrl().replaceFirst("\\?.*$", "").replaceFirst(".*/", "");
        starts
            .computeIfAbsent(run.firstValue() + "/" + step, key -> new ArrayList<>())
            .add(request.getLoggedDate().toInstant());
      }
    }
    starts.forEach(
        (runStep, calls) -> {
          List<Instant> sorted = calls.stream().sorted().toList();
          for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i - 1), sorted.get(i)))
                .as("calls of %s at %s", runStep, sorted)
                .isGreaterThanOrEqualTo(STEP);
          }
        });
  }

  private static List<String> incarnationsOf(String workerId) {
    try (Connection connection = system.database().connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT owner FROM worker_liveness WHERE owner LIKE ? || '-%'")) {
      statement.setString(1, workerId);
      List<String> owners = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          owners.add(rs.getString(1));
        }
      }
      return owners;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
