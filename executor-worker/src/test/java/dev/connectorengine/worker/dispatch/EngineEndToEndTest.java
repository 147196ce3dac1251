package dev.connectorengine.worker.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.connectorengine.model.execution.ExecutionStatus.CANCELLED;
import static dev.connectorengine.model.execution.ExecutionStatus.PENDING;
import static dev.connectorengine.model.execution.ExecutionStatus.RUNNING;
import static dev.connectorengine.model.execution.ExecutionStatus.SUCCESS;
import static dev.connectorengine.model.execution.StepStatus.FAILED;
import static dev.connectorengine.model.execution.StepStatus.SKIPPED;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.messaging.ExecutionEvent;
import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.WorkerApplication;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.testdata.ConnectorStats;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.TopicEvents;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The engine's behaviour over time with a real broker: events, cancellation, leases kept alive by
 * the heartbeat while the sweeper runs every 300 ms, and a second worker shutting down.
 */
@WorkerSpringTest(
    properties = {
      "connector-engine.kafka.partitions=3",
      "connector-engine.worker.id=staying-worker",
      "connector-engine.worker.max-in-flight=10",
      "connector-engine.worker.lease=2s",
      "connector-engine.worker.heartbeat-interval=400ms",
      "connector-engine.worker.cancel-poll-interval=200ms",
      "connector-engine.worker.sweep.interval=300ms",
      "connector-engine.worker.allow-private-targets=true"
    })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class EngineEndToEndTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  // Fixtures as the owner: the worker itself acts as connector_engine_worker.
  @Autowired @Owner JdbcClient jdbc;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  // The second worker shares this one's database and keyset.
  @Autowired FreshDatabase database;

  @Value("${connector-engine.credentials.keyset}")
  String keyset;

  @Test
  void a_run_publishes_its_running_and_success_events_in_order() {
    ConnectorRow connector = connectorCalling("/quick", Duration.ZERO);
    UUID id = anExecution(connector).insert(jdbc);

    publish(id, connector);

    awaitStatus(id, "success");
    List<ExecutionEvent> events = eventsOf(id, 2);
    assertThat(events).extracting(ExecutionEvent::status).containsExactly(RUNNING, SUCCESS);
    assertThat(events).extracting(ExecutionEvent::sequence).containsExactly(1, 2);
    assertThat(events)
        .extracting(ExecutionEvent::eventId)
        .doesNotContainNull()
        .doesNotHaveDuplicates();
    assertThat(events.getLast().currentStep()).isEqualTo("call");
    assertThat(events.getLast().connectorId()).isEqualTo(connector.id());
    assertThat(events.getLast().workspaceId()).isEqualTo(connector.workspaceId());
  }

  @Test
  void cancelling_a_running_run_aborts_its_call_within_a_second_or_two() {
    ConnectorRow connector =
        aConnector()
            .withSteps(
                step("slow", "GET", stub("/cancel-me", Duration.ofSeconds(20))).build(),
                step("next", "GET", stub("/never", Duration.ZERO)).build())
            .insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).insert(jdbc);
    publish(id, connector);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> API.verify(1, getRequestedFor(urlPathEqualTo("/cancel-me"))));
    long asked = System.nanoTime();

    // What the API does for a running run.
    jdbc.sql("UPDATE connector_executions SET cancel_requested_at = now() WHERE id = ?")
        .param(id)
        .update();

    awaitStatus(id, "cancelled");
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStepStatuses(FAILED, SKIPPED)
        .hasErrorMessageContaining("cancelled by request during step 'slow'")
        .isFinished();
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 0, 0));
    API.verify(0, getRequestedFor(urlPathEqualTo("/never")));
    assertThat(eventsOf(id, 2))
        .extracting(ExecutionEvent::status)
        .containsExactly(RUNNING, CANCELLED);
  }

  @Test
  void heartbeats_keep_a_long_run_past_its_lease_while_a_run_without_a_worker_is_swept_and_rerun() {
    ConnectorRow slow = connectorCalling("/longer-than-the-lease", Duration.ofMillis(4_500));
    ConnectorRow quick = connectorCalling("/orphan", Duration.ZERO);
    UUID live = anExecution(slow).insert(jdbc);
    UUID orphan = anExecution(quick).insert(jdbc);
    // The orphan's worker claimed it and died: nobody renews its lease.
    jdbc.sql(
            """
            UPDATE connector_executions
            SET status = 'running', attempt = 1, lease_owner = 'crashed-worker',
                lease_expires_at = now() + interval '1 second', started_at = now(),
                deadline_at = now() + interval '30 seconds', current_step = 'call'
            WHERE id = ?
            """)
        .param(orphan)
        .update();

    publish(live, slow);

    awaitStatus(orphan, "success");
    awaitStatus(live, "success");
    assertThat(ExecutionRow.read(jdbc, live).attempt()).as("never swept").isEqualTo(1);
    assertThat(ExecutionRow.read(jdbc, orphan).attempt()).isEqualTo(2);
    // The fixture's claim by the crashed worker was a status change too.
    assertThat(eventsOf(orphan, 4))
        .extracting(ExecutionEvent::status, ExecutionEvent::sequence)
        .containsExactly(
            tuple(RUNNING, 1), tuple(PENDING, 2), tuple(RUNNING, 3), tuple(SUCCESS, 4));
    assertThat(ConnectorStats.read(jdbc, quick.id())).isEqualTo(new ConnectorStats(1, 1, 0));
  }

  @Test
  void a_stopping_worker_gives_its_slow_runs_back_and_this_worker_finishes_them() throws Exception {
    ConnectorRow first = connectorSlowOnlyTheFirstTime("/handed-over-1");
    ConnectorRow second = connectorSlowOnlyTheFirstTime("/handed-over-2");
    UUID one = anExecution(first).insert(jdbc);
    UUID two = anExecution(second).insert(jdbc);
    ConfigurableApplicationContext leaving = startLeavingWorker();
    try {
      ExecutionClaimer claimer = leaving.getBean(ExecutionClaimer.class);
      RunDispatcher dispatcher = leaving.getBean(RunDispatcher.class);
      dispatcher.startClaimed(claimer.claim(List.of(one, two)));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                API.verify(1, getRequestedFor(urlPathEqualTo("/handed-over-1")));
                API.verify(1, getRequestedFor(urlPathEqualTo("/handed-over-2")));
              });
      long stopping = System.nanoTime();

      leaving.close();

      assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(8));
    } finally {
      leaving.close();
    }
    for (UUID id : List.of(one, two)) {
      awaitStatus(id, "success");
      ExecutionRow row = ExecutionRow.read(jdbc, id);
      assertThat(row.attempt()).isEqualTo(2);
      assertThat(eventsOf(id, 4))
          .extracting(ExecutionEvent::status)
          .containsExactly(RUNNING, PENDING, RUNNING, SUCCESS);
    }
    assertThat(ConnectorStats.read(jdbc, first.id())).isEqualTo(new ConnectorStats(1, 1, 0));
  }

  private ConfigurableApplicationContext startLeavingWorker() {
    // Command-line arguments: they win over application.yml, as the environment would.
    return new SpringApplicationBuilder(WorkerApplication.class)
        .run(
            "--spring.datasource.url=" + database.jdbcUrl(),
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password(),
            "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
            // It only runs what the test hands it; this class's worker consumes the jobs.
            "--spring.kafka.listener.auto-startup=false",
            "--server.port=0",
            "--connector-engine.credentials.keyset=" + keyset,
            "--connector-engine.kafka.partitions=3",
            "--connector-engine.worker.id=leaving-worker",
            "--connector-engine.worker.shutdown-grace=500ms",
            "--connector-engine.worker.sweep.enabled=false",
            "--connector-engine.worker.allow-private-targets=true");
  }

  private ConnectorRow connectorCalling(String path, Duration delay) {
    return aConnector()
        .withSteps(step("call", "GET", stub(path, delay)).build())
        .insert(jdbc, aWorkspace(jdbc));
  }

  /** The first call waits 20 s (it is given back meanwhile); the next one answers at once. */
  private ConnectorRow connectorSlowOnlyTheFirstTime(String path) {
    API.stubFor(
        get(urlPathEqualTo(path))
            .inScenario(path)
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson("{}").withFixedDelay(20_000))
            .willSetStateTo("answered"));
    API.stubFor(
        get(urlPathEqualTo(path))
            .inScenario(path)
            .whenScenarioStateIs("answered")
            .willReturn(okJson("{}")));
    return aConnector()
        .withSteps(step("call", "GET", API.baseUrl() + path).build())
        .insert(jdbc, aWorkspace(jdbc));
  }

  private String stub(String path, Duration delay) {
    API.stubFor(
        get(urlPathEqualTo(path)).willReturn(okJson("{}").withFixedDelay((int) delay.toMillis())));
    return API.baseUrl() + path;
  }

  private void publish(UUID id, ConnectorRow connector) {
    ExecutionJob job =
        new ExecutionJob(id, connector.workspaceId(), connector.id(), 0, Instant.now(), Map.of());
    kafka
        .send(Topics.EXECUTIONS, id.toString(), ExecutionJson.mapper().writeValueAsString(job))
        .join();
  }

  private void awaitStatus(UUID id, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus(status));
  }

  /** The events of one execution, in topic order, once there are at least {@code count}. */
  private List<ExecutionEvent> eventsOf(UUID id, int count) {
    return TopicEvents.of(broker.getBrokersAsString(), id, count);
  }
}
