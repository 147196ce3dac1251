package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectorengine.model.execution.StepStatus.FAILED;
import static dev.connectorengine.model.execution.StepStatus.SKIPPED;
import static dev.connectorengine.model.execution.StepStatus.SUCCESS;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.StepStatus;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Host rates against the real database and WireMock, reached under several names, each its own
 * host: {@code localhost} at 5 requests a second, {@code 127.0.0.2} and {@code 127.0.0.3} at one
 * every 10 s, {@code 127.0.0.1} not listed. The rates come in through {@code WORKER_HOST_RATES}, as
 * in production. One live worker: this one.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.sweep.enabled=false",
      "connector-engine.worker.allow-private-targets=true",
      "WORKER_HOST_RATES=localhost=5, 127.0.0.2=0.1,127.0.0.3=0.1"
    })
@Import(NoBrokerEvents.class)
class HostRatesRunTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;
  @Autowired MeterRegistry meters;

  private UUID workspace;
  private String path;

  @BeforeEach
  void setUp() {
    workspace = aWorkspace(jdbc);
    path = "/" + UUID.randomUUID() + "/item";
    API.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"ok\": true}")));
  }

  @Test
  void ten_calls_to_a_host_limited_to_5_a_second_take_at_least_1_8_s() {
    UUID id = anExecution(tenSteps("localhost")).insert(jdbc);
    long start = System.nanoTime();

    runner.run(claim(id));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // The first call may go at once; the nine after it each 200 ms after the one before.
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_800));
    assertThat(took).isLessThan(Duration.ofSeconds(15));
    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("success");
    API.verify(10, getRequestedFor(urlPathEqualTo(path)));
    // Each request log row starts when its call left, after the wait: they are 200 ms apart.
    List<Timestamp> sent = sentAt(id);
    assertThat(sent).hasSize(10);
    assertThat(Duration.between(sent.getFirst().toInstant(), sent.getLast().toInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_790));
    Timer waits =
        meters.find("connector.engine.outbound.permit.wait").tag("host", "localhost").timer();
    assertThat(waits).isNotNull();
    assertThat(waits.count()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void a_host_not_listed_takes_no_permit() {
    UUID id = anExecution(tenSteps("127.0.0.1")).insert(jdbc);

    runner.run(claim(id));

    assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus("success");
    assertThat(
            meters.find("connector.engine.outbound.permit.wait").tag("host", "127.0.0.1").timer())
        .isNull();
    assertThat(meters.find("connector.engine.outbound.permit.wait").tag("host", "other").timer())
        .isNull();
  }

  @Test
  void a_cancelled_run_stops_waiting_for_its_permit_at_once() throws Exception {
    ConnectorRow connector = aConnector().withSteps(steps("127.0.0.2", 2)).insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);
    RunSignal signal = new RunSignal();
    CompletableFuture<Void> run = runInBackground(claim(id), signal);
    // The first call goes at once; the second waits about 10 s for its permit.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(statusesOf(id)).startsWith(SUCCESS));

    signal.stop(RunSignal.Stop.CANCEL);

    run.get(3, TimeUnit.SECONDS);
    assertThatExecution(ExecutionRow.read(jdbc, id))
        .hasStatus("cancelled")
        .hasStepStatuses(SUCCESS, FAILED);
    API.verify(1, getRequestedFor(urlPathEqualTo(path)));
    // The step was never sent: no attempt, no request log row.
    assertThat(ExecutionRow.read(jdbc, id).steps().get(1).attempts()).isZero();
    assertThat(sentAt(id)).hasSize(1);
  }

  @Test
  void a_run_whose_deadline_comes_before_the_permit_times_out_without_waiting() {
    ConnectorRow connector =
        aConnector().withSteps(steps("127.0.0.3", 3)).withTimeoutMs(3_000).insert(jdbc, workspace);
    UUID id = anExecution(connector).withTimeoutMs(3_000).insert(jdbc);
    long start = System.nanoTime();

    runner.run(claim(id));

    // The second permit comes 10 s after the first, past the deadline: no point waiting for it.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThatExecution(ExecutionRow.read(jdbc, id))
        .hasStatus("timeout")
        .hasStepStatuses(SUCCESS, FAILED, SKIPPED)
        .hasErrorMessageContaining("step 's2'")
        .isFinished();
    API.verify(1, getRequestedFor(urlPathEqualTo(path)));
    assertThat(
            meters
                .find("connector.engine.outbound.permit.too.late")
                .tag("host", "127.0.0.3")
                .counter())
        .isNotNull();
  }

  private ConnectorRow tenSteps(String host) {
    return aConnector().withSteps(steps(host, 10)).insert(jdbc, workspace);
  }

  private StepSpec[] steps(String host, int count) {
    String url = "http://" + host + ":" + API.getPort() + path;
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> step("s" + i, "GET", url).build())
        .toArray(StepSpec[]::new);
  }

  private List<StepStatus> statusesOf(UUID id) {
    List<StepStatus> statuses = new ArrayList<>();
    ExecutionRow.read(jdbc, id).steps().forEach(s -> statuses.add(s.status()));
    return Collections.unmodifiableList(statuses);
  }

  private List<Timestamp> sentAt(UUID id) {
    return jdbc.sql(
            "SELECT created_at FROM request_logs WHERE execution_id = :id ORDER BY created_at")
        .param("id", id)
        .query(Timestamp.class)
        .list();
  }

  private ClaimedExecution claim(UUID id) {
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }

  private CompletableFuture<Void> runInBackground(ClaimedExecution claimed, RunSignal signal) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                runner.run(claimed, signal);
                done.complete(null);
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            });
    return done;
  }
}
