package dev.connectorengine.worker.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectorengine.model.execution.StepStatus.SUCCESS;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.worker.testdata.ConnectorStats;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The whole worker: a real (in-JVM KRaft) broker, the real database, WireMock as the API. */
@WorkerSpringTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "connector-engine.kafka.partitions=3",
      "connector-engine.worker.max-in-flight=2",
      "connector-engine.worker.fairness.max-waiting=1",
      "connector-engine.worker.allow-private-targets=true"
    })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class JobFlowEndToEndTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  // Fixtures as the owner: the worker itself acts as connector_engine_worker.
  @Autowired @Owner JdbcClient jdbc;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired KafkaListenerEndpointRegistry listeners;
  @LocalServerPort int port;

  @Test
  void a_published_job_runs_its_execution_to_success() {
    ConnectorRow connector = connectorCalling("/hello");
    UUID id = anExecution(connector).withInput("{\"name\": \"Ada\"}").insert(jdbc);

    publish(job(id, connector));

    awaitStatus(id, "success");
    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row).hasStepStatuses(SUCCESS).isFinished();
    assertThat(row.output()).isEqualTo(ExecutionJson.read("{\"greeting\": \"hello Ada\"}"));
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(1, 1, 0));
  }

  @Test
  void a_duplicated_job_runs_the_connector_once() {
    ConnectorRow connector = connectorCalling("/once");
    UUID id = anExecution(connector).withInput("{\"name\": \"Bo\"}").insert(jdbc);

    publish(job(id, connector));
    publish(job(id, connector));
    awaitStatus(id, "success");
    publish(job(id, connector)); // stale: the run is over
    UUID next = anExecution(connector).withInput("{\"name\": \"Cy\"}").insert(jdbc);
    publish(job(next, connector));
    awaitStatus(next, "success");

    awaitAllJobsConsumed();
    API.verify(2, getRequestedFor(urlPathEqualTo("/once")));
    assertThat(ExecutionRow.read(jdbc, id).attempt()).isEqualTo(1);
    assertThat(ConnectorStats.read(jdbc, connector.id())).isEqualTo(new ConnectorStats(2, 2, 0));
  }

  @Test
  void poison_and_dangling_jobs_go_to_the_dead_letter_topic_and_the_next_job_still_runs() {
    String poison = "{not json at all " + UUID.randomUUID();
    UUID dangling = UUID.randomUUID();
    kafka.send(Topics.EXECUTIONS, "poison", poison).join();
    publish(new ExecutionJob(dangling, UUID.randomUUID(), null, 0, Instant.now(), Map.of()));
    ConnectorRow connector = connectorCalling("/after-poison");
    UUID id = anExecution(connector).withInput("{\"name\": \"Di\"}").insert(jdbc);

    publish(job(id, connector));

    awaitStatus(id, "success");
    List<ConsumerRecord<String, String>> letters = deadLetters(2);
    assertThat(letters)
        .anySatisfy(
            letter -> {
              assertThat(letter.value()).isEqualTo(poison);
              assertThat(reason(letter)).startsWith("job is not ExecutionJob JSON");
            })
        .anySatisfy(
            letter -> {
              assertThat(letter.key()).isEqualTo(dangling.toString());
              assertThat(reason(letter)).isEqualTo("no execution " + dangling);
            });
  }

  @Test
  void at_the_in_flight_limit_jobs_wait_and_consumption_pauses_while_too_many_wait() {
    ConnectorRow held = connectorCalling("/held");
    API.stubFor(
        get(urlPathEqualTo("/held"))
            .willReturn(okJson("{\"message\": \"late\"}").withFixedDelay(2_500)));
    UUID first = anExecution(held).withInput("{\"name\": \"A\"}").insert(jdbc);
    UUID second = anExecution(held).withInput("{\"name\": \"B\"}").insert(jdbc);
    publish(job(first, held));
    publish(job(second, held));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThatExecution(ExecutionRow.read(jdbc, first)).hasStatus("running");
              assertThatExecution(ExecutionRow.read(jdbc, second)).hasStatus("running");
            });
    ConnectorRow quick = connectorCalling("/quick");
    UUID third = anExecution(quick).withInput("{\"name\": \"C\"}").insert(jdbc);

    publish(job(third, quick));

    // At the limit the third job waits, pending, and one waiting job is all this worker reads
    // ahead; once a held run ends, it runs.
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              assertThatExecution(ExecutionRow.read(jdbc, third)).hasStatus("pending");
              assertThat(listeners.getListenerContainer(JobListener.ID).isPauseRequested())
                  .isTrue();
            });
    awaitStatus(first, "success");
    awaitStatus(second, "success");
    awaitStatus(third, "success");
    assertThat(listeners.getListenerContainer(JobListener.ID).isPauseRequested()).isFalse();
  }

  @Test
  void actuator_serves_health_and_prometheus_metrics() throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> health = client.send(actuator("health"), BodyHandlers.ofString());
      HttpResponse<String> metrics = client.send(actuator("prometheus"), BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains(
              "jvm_threads_live_threads",
              "connector_engine_runs_in_flight",
              "connector_engine_claims_total",
              "connector_engine_sweeps_total");
    }
  }

  private HttpRequest actuator(String endpoint) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/" + endpoint))
        .build();
  }

  private ConnectorRow connectorCalling(String path) {
    API.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"message\": \"hello\"}")));
    return aConnector()
        .withSteps(
            step("greet", "GET", API.baseUrl() + path)
                .query(Map.of("name", "{{ input.name }}"))
                .extract(Map.of("message", "$.message"))
                .build())
        .withFieldMappings("{\"greeting\": \"{{ steps.greet.output.message }} {{ input.name }}\"}")
        .insert(jdbc, aWorkspace(jdbc));
  }

  private static ExecutionJob job(UUID id, ConnectorRow connector) {
    return new ExecutionJob(
        id, connector.workspaceId(), connector.id(), 0, Instant.now(), Map.of());
  }

  private void publish(ExecutionJob job) {
    kafka
        .send(
            Topics.EXECUTIONS,
            job.executionId().toString(),
            ExecutionJson.mapper().writeValueAsString(job))
        .join();
  }

  private void awaitStatus(UUID id, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThatExecution(ExecutionRow.read(jdbc, id)).hasStatus(status));
  }

  private void awaitAllJobsConsumed() {
    try (var admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                var committed =
                    admin
                        .listConsumerGroupOffsets(JobListener.GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get();
                var latest =
                    admin
                        .listOffsets(
                            committed.keySet().stream()
                                .collect(
                                    java.util.stream.Collectors.toMap(
                                        partition -> partition,
                                        partition ->
                                            org.apache.kafka.clients.admin.OffsetSpec.latest())))
                        .all()
                        .get();
                committed.forEach(
                    (partition, offset) ->
                        assertThat(offset.offset())
                            .as("committed offset of %s", partition)
                            .isEqualTo(latest.get(partition).offset()));
              });
    }
  }

  private List<ConsumerRecord<String, String>> deadLetters(int atLeast) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.getBrokersAsString(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "dlq-reader-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<ConsumerRecord<String, String>> letters = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.EXECUTIONS_DLQ));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
                return letters.size() >= atLeast;
              });
    }
    return letters;
  }

  private static String reason(ConsumerRecord<String, String> letter) {
    return new String(
        letter.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8);
  }
}
