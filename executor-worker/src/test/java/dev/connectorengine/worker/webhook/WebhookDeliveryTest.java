package dev.connectorengine.worker.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.webhook.DeliveryAttempt;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.run.ConnectorRunner;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/**
 * Deliveries sent by the worker to a receiver in this JVM: runs end through the worker's own
 * terminal write, the trigger records their deliveries, and the dispatcher sends them.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.allow-private-targets=true",
      "connector-engine.worker.webhooks.poll-interval=50ms",
      "connector-engine.worker.webhooks.initial-backoff=100ms",
      "connector-engine.worker.webhooks.max-backoff=200ms",
      "connector-engine.worker.webhooks.attempt-timeout=1s",
      "connector-engine.worker.webhooks.lease-margin=1s",
      "connector-engine.worker.webhooks.response-excerpt-bytes=100"
    })
@Import(NoBrokerEvents.class)
class WebhookDeliveryTest {

  static final TypeReference<List<DeliveryAttempt>> ATTEMPTS = new TypeReference<>() {};

  @RegisterExtension
  static final WireMockExtension RECEIVER =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;

  @Test
  void a_delivery_is_retried_after_503s_and_delivered_once_with_every_attempt_recorded() {
    String path = hookPath();
    RECEIVER.stubFor(
        post(urlPathEqualTo(path))
            .inScenario(path)
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withBody("busy"))
            .willSetStateTo("once"));
    RECEIVER.stubFor(
        post(urlPathEqualTo(path))
            .inScenario(path)
            .whenScenarioStateIs("once")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("twice"));
    RECEIVER.stubFor(
        post(urlPathEqualTo(path))
            .inScenario(path)
            .whenScenarioStateIs("twice")
            .willReturn(aResponse().withStatus(204)));

    UUID run = runEndingWithCallback(RECEIVER.baseUrl() + path);

    UUID delivery = awaitDone(run);
    assertThat(status(delivery)).isEqualTo("delivered");
    List<DeliveryAttempt> attempts = attempts(delivery);
    assertThat(attempts).extracting(DeliveryAttempt::httpStatus).containsExactly(503, 503, 204);
    assertThat(attempts.getFirst().response()).isEqualTo("busy");
    assertThat(attempts.getFirst().error()).isEqualTo("HTTP 503");
    assertThat(attempts.getLast().error()).isNull();
    List<LoggedRequest> sent = RECEIVER.findAll(postRequestedFor(urlPathEqualTo(path)));
    assertThat(sent).hasSize(3);
    assertThat(sent).extracting(r -> r.getHeader("webhook-id")).containsOnly("msg_" + delivery);
    assertThat(sent)
        .extracting(r -> r.getHeader("webhook-signature"))
        .allMatch(s -> s.startsWith("v1,"));
    assertThat(sent.getFirst().getBodyAsString())
        .startsWith("{\"type\":\"execution.succeeded\",\"timestamp\":\"")
        .contains("\"data\":{\"id\":\"" + run + "\"");
  }

  @Test
  void a_404_fails_the_delivery_at_once() {
    String path = hookPath();
    RECEIVER.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)));

    UUID delivery = awaitDone(runEndingWithCallback(RECEIVER.baseUrl() + path));

    assertThat(status(delivery)).isEqualTo("failed");
    assertThat(attempts(delivery)).extracting(DeliveryAttempt::httpStatus).containsExactly(404);
  }

  @Test
  void a_redirect_is_never_followed_and_counts_as_a_failed_attempt() {
    String path = hookPath();
    RECEIVER.stubFor(
        post(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(307).withHeader("Location", path + "/moved")));
    RECEIVER.stubFor(post(urlPathEqualTo(path + "/moved")).willReturn(aResponse().withStatus(200)));

    UUID run = runEndingWithCallback(RECEIVER.baseUrl() + path);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(attempts(deliveryOf(run))).hasSizeGreaterThanOrEqualTo(2));
    assertThat(attempts(deliveryOf(run))).extracting(DeliveryAttempt::httpStatus).containsOnly(307);
    assertThat(status(deliveryOf(run))).isEqualTo("pending");
    assertThat(RECEIVER.findAll(postRequestedFor(urlPathEqualTo(path + "/moved")))).isEmpty();
  }

  @Test
  void a_receiver_that_hangs_does_not_hold_up_other_deliveries() {
    String slow = hookPath();
    String fast = hookPath();
    RECEIVER.stubFor(
        post(urlPathEqualTo(slow)).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
    RECEIVER.stubFor(post(urlPathEqualTo(fast)).willReturn(aResponse().withStatus(200)));
    UUID slowRun = runEndingWithCallback(RECEIVER.baseUrl() + slow);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !RECEIVER.findAll(postRequestedFor(urlPathEqualTo(slow))).isEmpty());

    UUID fastDelivery = awaitDone(runEndingWithCallback(RECEIVER.baseUrl() + fast));

    assertThat(status(fastDelivery)).isEqualTo("delivered");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(attempts(deliveryOf(slowRun)))
                    .first()
                    .satisfies(
                        attempt -> {
                          assertThat(attempt.httpStatus()).isNull();
                          assertThat(attempt.error()).isEqualTo("no answer within 1000 ms");
                          assertThat(attempt.latencyMs()).isBetween(900L, 2_000L);
                        }));
  }

  @Test
  void a_large_answer_is_not_read_past_the_excerpt() {
    String path = hookPath();
    RECEIVER.stubFor(
        post(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(200).withBody("x".repeat(5 * 1024 * 1024))));

    UUID delivery = awaitDone(runEndingWithCallback(RECEIVER.baseUrl() + path));

    assertThat(status(delivery)).isEqualTo("delivered");
    assertThat(attempts(delivery).getFirst().response()).isEqualTo("x".repeat(100));
  }

  /** Runs a one-step connector to success through the worker, with this callback URL. */
  private UUID runEndingWithCallback(String callbackUrl) {
    String target = "/target/" + UUID.randomUUID();
    RECEIVER.stubFor(get(urlPathEqualTo(target)).willReturn(okJson("{\"ok\": true}")));
    ConnectorRow connector =
        aConnector()
            .withSteps(step("ping", "GET", RECEIVER.baseUrl() + target).build())
            .insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).insert(jdbc);
    jdbc.sql("UPDATE connector_executions SET callback_url = ? WHERE id = ?")
        .params(callbackUrl, id)
        .update();
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    runner.run(claimed.getFirst());
    return id;
  }

  private UUID awaitDone(UUID run) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !status(deliveryOf(run)).equals("pending"));
    return deliveryOf(run);
  }

  private UUID deliveryOf(UUID run) {
    return jdbc.sql("SELECT id FROM webhook_deliveries WHERE execution_id = ?")
        .params(run)
        .query(UUID.class)
        .single();
  }

  private String status(UUID delivery) {
    return jdbc.sql("SELECT status FROM webhook_deliveries WHERE id = ?")
        .params(delivery)
        .query(String.class)
        .single();
  }

  private List<DeliveryAttempt> attempts(UUID delivery) {
    String json =
        jdbc.sql("SELECT attempts::text FROM webhook_deliveries WHERE id = ?")
            .params(delivery)
            .query(String.class)
            .single();
    return ExecutionJson.mapper().readValue(json, ATTEMPTS);
  }

  private static String hookPath() {
    return "/hooks/" + UUID.randomUUID();
  }
}
