package dev.connectorengine.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.connectorengine.systemtests.ConnectorBuilder.aConnector;
import static dev.connectorengine.systemtests.ConnectorBuilder.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.localstack.ApiResponse;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import dev.connectorengine.systemtests.WebhookReceiver.Received;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end, with real API and worker processes and a receiver in this JVM that checks
 * every signature with its own implementation of the Standard Webhooks scheme (not the engine's
 * signer): retries after 503s, rotation's two signatures, a worker killed holding a delivery, and
 * the latency from a run's end to its delivery.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookDeliveryIT {

  private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryIT.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static RunningSystem system =
      RunningSystem.withWorkers(2)
          .workerEnv("WEBHOOK_INITIAL_BACKOFF", "200ms")
          .workerEnv("WEBHOOK_MAX_BACKOFF", "500ms")
          .workerEnv("WEBHOOK_ATTEMPT_TIMEOUT", "5s")
          .workerEnv("WEBHOOK_LEASE_MARGIN", "1s")
          .build();

  static final WebhookReceiver receiver = new WebhookReceiver();

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  @Order(1)
  void a_delivery_answered_503_twice_is_delivered_once_signed_with_the_executions_exact_document() {
    Workspace workspace = system.newWorkspace("webhooks retried");
    String secret = secret(workspace);
    String connectorId = pingConnector(workspace);
    endpoint(workspace, "/retried", "execution.succeeded");
    receiver.answer("/retried", 503, 503, 200);

    String executionId = runToTheEnd(workspace, connectorId);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> receiver.received("/retried").stream().anyMatch(r -> r.answered() == 200));
    List<Received> requests = receiver.received("/retried");
    assertThat(requests).extracting(Received::answered).containsExactly(503, 503, 200);
    assertThat(requests)
        .extracting(Received::webhookId)
        .containsOnly(requests.getFirst().webhookId());
    assertThat(requests.getFirst().webhookId()).startsWith("msg_");
    for (Received request : requests) {
      assertThat(request.contentType()).startsWith("application/json");
      assertThat(signaturesThatVerify(request, secret)).isEqualTo(1);
      assertThat(Long.parseLong(request.webhookTimestamp()))
          .isCloseTo(request.arrivedAt().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
    }
    JsonNode body = JSON.readTree(requests.getLast().bodyText());
    assertThat(body.path("type").asString()).isEqualTo("execution.succeeded");
    assertThat(Instant.parse(body.path("timestamp").asString())).isNotNull();
    ApiResponse read = workspace.api().get("/api/v1/executions/" + executionId).expect(200);
    assertThat(rawData(requests.getLast().bodyText()))
        .as("the delivery's data and the GET body, byte for byte")
        .isEqualTo(read.body());

    JsonNode deliveries =
        workspace.api().get("/api/v1/executions/" + executionId + "/deliveries").expect(200).json();
    assertThat(deliveries).hasSize(1);
    JsonNode delivery = deliveries.get(0);
    assertThat(delivery.path("status").asString()).isEqualTo("delivered");
    assertThat(delivery.path("webhookId").asString()).isEqualTo(requests.getFirst().webhookId());
    assertThat(delivery.path("attempts").valueStream().map(a -> a.path("httpStatus").asInt()))
        .containsExactly(503, 503, 200);
    assertThat(delivery.path("nextAttemptAt").isNull()).isTrue();

    workspace
        .api()
        .post("/api/v1/webhooks/deliveries/" + delivery.path("id").asString() + "/redeliver", null)
        .expect(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/retried").size() == 4);
    Received again = receiver.received("/retried").getLast();
    assertThat(again.webhookId()).isEqualTo(requests.getFirst().webhookId());
    assertThat(again.answered()).isEqualTo(200);
    assertThat(signaturesThatVerify(again, secret)).isEqualTo(1);

    assertThat(logsMention(secret.substring("whsec_".length())))
        .as("the secret in a log")
        .isFalse();
    assertThat(logsMention(rawData(requests.getLast().bodyText())))
        .as("a delivery's body in a log")
        .isFalse();
  }

  @Test
  @Order(2)
  void after_a_rotation_deliveries_carry_the_new_and_the_old_signature() {
    Workspace workspace = system.newWorkspace("webhooks rotated");
    String old = secret(workspace);
    String fresh =
        workspace
            .api()
            .post("/api/v1/webhooks/secret/rotate", null)
            .expect(200)
            .json()
            .path("secret")
            .asString();
    String connectorId = pingConnector(workspace);
    endpoint(workspace, "/rotated", "execution.succeeded");

    runToTheEnd(workspace, connectorId);

    await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received("/rotated").isEmpty());
    Received request = receiver.received("/rotated").getFirst();
    assertThat(request.webhookSignature().split(" ")).hasSize(2);
    assertThat(signaturesThatVerify(request, fresh)).isEqualTo(1);
    assertThat(signaturesThatVerify(request, old)).isEqualTo(1);
    assertThat(
            signaturesThatVerify(
                request, "whsec_" + Base64.getEncoder().encodeToString(new byte[32])))
        .isZero();
  }

  @Test
  @Order(3)
  void deliveries_follow_the_end_of_their_runs_closely() {
    Workspace workspace = system.newWorkspace("webhooks latency");
    String connectorId = pingConnector(workspace);
    endpoint(workspace, "/latency", "execution.succeeded");
    int runs = 40;

    List<String> ids = Triggers.accepted(Triggers.trigger(workspace, connectorId, runs, 4));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> receiver.received("/latency").size() >= runs);
    List<Long> afterEnd = new ArrayList<>();
    List<Long> afterOutbox = new ArrayList<>();
    for (Received request : receiver.received("/latency")) {
      JsonNode data = JSON.readTree(request.bodyText()).path("data");
      Instant finished = Instant.parse(data.path("finishedAt").asString());
      afterEnd.add(Duration.between(finished, request.arrivedAt()).toMillis());
      Instant recorded =
          Instant.parse(
              workspace
                  .api()
                  .get("/api/v1/executions/" + data.path("id").asString() + "/deliveries")
                  .expect(200)
                  .json()
                  .get(0)
                  .path("createdAt")
                  .asString());
      afterOutbox.add(Duration.between(recorded, request.arrivedAt()).toMillis());
    }
    assertThat(receiver.received("/latency"))
        .extracting(r -> JSON.readTree(r.bodyText()).path("data").path("id").asString())
        .containsExactlyInAnyOrderElementsOf(ids);
    log.info(
        "webhook delivery latency ({} runs, poll every 250 ms): after the run's finishedAt p50 {}"
            + " ms, p99 {} ms; after its terminal transaction wrote the outbox row p50 {} ms, p99 {}"
            + " ms",
        runs,
        percentile(afterEnd, 50),
        percentile(afterEnd, 99),
        percentile(afterOutbox, 50),
        percentile(afterOutbox, 99));
  }

  private static long percentile(List<Long> values, int percent) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
  }

  @Test
  @Order(4)
  void a_delivery_held_by_a_killed_worker_is_delivered_once_by_the_other() throws SQLException {
    Workspace workspace = system.newWorkspace("webhooks worker killed");
    String secret = secret(workspace);
    String connectorId = pingConnector(workspace);
    endpoint(workspace, "/held", "execution.succeeded");
    receiver.holdFirst("/held");

    String executionId = runToTheEnd(workspace, connectorId);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.holding("/held"));
    String holder = leaseOwner(executionId);
    int index = holder.startsWith(RunningSystem.workerId(0) + "-") ? 0 : 1;
    assertThat(holder).startsWith(RunningSystem.workerId(index) + "-");
    system.worker(index).kill();
    receiver.release("/held");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> receiver.received("/held").stream().anyMatch(r -> r.answered() == 200));
    List<Received> requests = receiver.received("/held");
    assertThat(requests.stream().filter(r -> r.answered() == 200)).hasSize(1);
    assertThat(requests)
        .extracting(Received::webhookId)
        .containsOnly(requests.getFirst().webhookId());
    requests.forEach(r -> assertThat(signaturesThatVerify(r, secret)).isEqualTo(1));
    JsonNode delivery =
        workspace
            .api()
            .get("/api/v1/executions/" + executionId + "/deliveries")
            .expect(200)
            .json()
            .get(0);
    assertThat(delivery.path("status").asString()).isEqualTo("delivered");
    // The killed worker wrote nothing; the survivor's one attempt is the record.
    assertThat(delivery.path("attempts").valueStream().map(a -> a.path("httpStatus").asInt()))
        .containsExactly(200);
    assertThat(leaseOwnerOrNull(executionId)).isNull();
    assertThat(system.worker(1 - index).isAlive()).isTrue();
  }

  /**
   * How many of the request's signatures verify with {@code secret}, by the Standard Webhooks
   * scheme as written: HMAC-SHA256 keyed with the base64-decoded bytes after {@code whsec_}, over
   * {@code <webhook-id>.<webhook-timestamp>.<body>}, base64, each {@code v1,}-prefixed, space
   * separated.
   */
  private static int signaturesThatVerify(Received request, String secret) {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac;
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    mac.update(
        (request.webhookId() + "." + request.webhookTimestamp() + ".")
            .getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(request.body());
    int verified = 0;
    for (String signature : request.webhookSignature().split(" ")) {
      String[] parts = signature.split(",", 2);
      if (parts.length == 2
          && parts[0].equals("v1")
          && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
        verified++;
      }
    }
    return verified;
  }

  private static boolean logsMention(String text) {
    return system.logFiles().stream()
        .anyMatch(
            file -> {
              try {
                return java.nio.file.Files.readString(file).contains(text);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  /** The raw text of the body's {@code data} member, as sent. */
  private static String rawData(String body) {
    String marker = ",\"data\":";
    int start = body.indexOf(marker);
    assertThat(start).isPositive();
    assertThat(body).endsWith("}");
    return body.substring(start + marker.length(), body.length() - 1);
  }

  private static String secret(Workspace workspace) {
    String secret =
        workspace.api().get("/api/v1/webhooks/secret").expect(200).json().path("secret").asString();
    assertThat(secret).startsWith("whsec_");
    return secret;
  }

  private static void endpoint(Workspace workspace, String path, String... events) {
    workspace
        .api()
        .post("/api/v1/webhooks", Map.of("url", receiver.url(path), "events", List.of(events)))
        .expect(201);
  }

  private static String pingConnector(Workspace workspace) {
    String path = "/ping/" + UUID.randomUUID();
    system.wireMock().stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"ok\": true}")));
    return workspace
        .api()
        .post(
            "/api/v1/connectors",
            aConnector("ping")
                .withStep(step("ping").request("GET", system.wireMockUrl() + path))
                .build())
        .expect(201)
        .json()
        .path("id")
        .asString();
  }

  private static String runToTheEnd(Workspace workspace, String connectorId) {
    String id =
        workspace
            .api()
            .post("/api/v1/connectors/" + connectorId + "/executions", Map.of("input", Map.of()))
            .expect(202)
            .json()
            .path("id")
            .asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                workspace
                    .api()
                    .get("/api/v1/executions/" + id)
                    .json()
                    .path("status")
                    .asString()
                    .equals("success"));
    return id;
  }

  private static String leaseOwner(String executionId) throws SQLException {
    String owner = leaseOwnerOrNull(executionId);
    assertThat(owner).as("lease owner of the held delivery").isNotNull();
    return owner;
  }

  private static String leaseOwnerOrNull(String executionId) throws SQLException {
    try (Connection connection = system.database().connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT lease_owner FROM webhook_deliveries WHERE execution_id = ?::uuid")) {
      statement.setString(1, executionId);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
      }
    }
  }
}
