package dev.connectorengine.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.api.auth.ApiKeys;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.testsupport.FreshDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** The webhook calls: endpoints, the signing secret, a run's deliveries and redelivery. */
@ApiIntegrationTest
class WebhookApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  // A public address literal: the SSRF guard lets it through without a DNS look-up.
  static final String HOOK = "https://93.184.215.14/hooks/ce";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
    registry.add("connector-engine.webhooks.allow-private-targets", () -> "false");
  }

  @Autowired MockMvc mvc;
  @Autowired CredentialSealer sealer;
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void an_endpoint_is_created_listed_read_changed_and_deleted_and_each_change_audited() {
    String key = api().newWorkspaceKey("Endpoints");

    Answer created =
        api()
            .post(
                "/api/v1/webhooks",
                key,
                Map.of("url", HOOK, "events", List.of("execution.succeeded", "execution.failed")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("id").stringValue();
    assertThat(created.header("Location")).isEqualTo("/api/v1/webhooks/" + id);
    assertThat(created.json().get("enabled").booleanValue()).isTrue();
    assertThat(created.json().get("connectorId").isNull()).isTrue();

    assertThat(api().get("/api/v1/webhooks", key).json().get("items"))
        .extracting(item -> item.get("id").stringValue())
        .containsExactly(id);
    assertThat(api().get("/api/v1/webhooks/" + id, key).json().get("url").stringValue())
        .isEqualTo(HOOK);

    Answer patched =
        api()
            .call(
                HttpMethod.PATCH,
                "/api/v1/webhooks/" + id,
                key,
                Map.of("enabled", false, "events", List.of("execution.timed_out")),
                Map.of());
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().get("enabled").booleanValue()).isFalse();
    assertThat(patched.json().get("url").stringValue()).isEqualTo(HOOK);
    assertThat(patched.json().get("events"))
        .extracting(JsonNode::stringValue)
        .containsExactly("execution.timed_out");

    assertThat(api().delete("/api/v1/webhooks/" + id, key).status()).isEqualTo(204);
    assertThat(api().get("/api/v1/webhooks/" + id, key).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/webhooks", key).json().get("items")).isEmpty();

    assertThat(
            api()
                .get("/api/v1/audit-log", key)
                .json()
                .get("items")
                .valueStream()
                .map(item -> item.get("action").stringValue())
                .toList())
        .containsSubsequence(
            "webhook_endpoint.deleted", "webhook_endpoint.updated", "webhook_endpoint.created");
  }

  @Test
  void a_url_that_is_not_absolute_http_or_reaches_a_private_address_answers_422_naming_url() {
    String key = api().newWorkspaceKey("Bad URLs");

    for (String url :
        List.of(
            "/relative/hook",
            "ftp://93.184.215.14/hook",
            "not a url",
            "http://127.0.0.1:8080/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://10.0.0.7/hook",
            "http://localhost/hook")) {
      Answer answer =
          api()
              .post(
                  "/api/v1/webhooks",
                  key,
                  Map.of("url", url, "events", List.of("execution.succeeded")));
      assertThat(answer.status()).as(url + ": " + answer).isEqualTo(422);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.errorFields()).as(url).containsExactly("url");
    }

    String id =
        api()
            .post(
                "/api/v1/webhooks", key, Map.of("url", HOOK, "events", List.of("execution.failed")))
            .json()
            .get("id")
            .stringValue();
    Answer patched =
        api()
            .call(
                HttpMethod.PATCH,
                "/api/v1/webhooks/" + id,
                key,
                Map.of("url", "http://192.168.1.1/"),
                Map.of());
    assertThat(patched.status()).isEqualTo(422);
    assertThat(patched.errorFields()).containsExactly("url");
    assertThat(api().get("/api/v1/webhooks/" + id, key).json().get("url").stringValue())
        .isEqualTo(HOOK);
  }

  @Test
  void unknown_or_missing_events_and_another_workspaces_connector_answer_422_naming_them() {
    String key = api().newWorkspaceKey("Bad events");
    String otherConnector =
        connector(api().newWorkspaceKey("Other connectors"), TestConnectors.ping("theirs"));

    Answer unknown =
        api()
            .post(
                "/api/v1/webhooks",
                key,
                Map.of(
                    "url",
                    HOOK,
                    "events",
                    List.of("execution.succeeded", "execution.started"),
                    "connectorId",
                    otherConnector));
    Answer none = api().post("/api/v1/webhooks", key, Map.of("url", HOOK, "events", List.of()));

    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.errorFields()).containsExactly("events[1]", "connectorId");
    assertThat(none.status()).isEqualTo(422);
    assertThat(none.errorFields()).containsExactly("events");
    assertThat(api().get("/api/v1/webhooks", key).json().get("items")).isEmpty();
  }

  @Test
  void another_workspaces_endpoint_answers_404_and_stays_as_it_was() {
    String owner = api().newWorkspaceKey("Owner");
    String stranger = api().newWorkspaceKey("Stranger");
    String id =
        api()
            .post(
                "/api/v1/webhooks",
                owner,
                Map.of("url", HOOK, "events", List.of("execution.failed")))
            .json()
            .get("id")
            .stringValue();

    assertThat(api().get("/api/v1/webhooks/" + id, stranger).status()).isEqualTo(404);
    assertThat(
            api()
                .call(
                    HttpMethod.PATCH,
                    "/api/v1/webhooks/" + id,
                    stranger,
                    Map.of("enabled", false),
                    Map.of())
                .status())
        .isEqualTo(404);
    assertThat(api().delete("/api/v1/webhooks/" + id, stranger).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/webhooks", stranger).json().get("items")).isEmpty();
    assertThat(api().get("/api/v1/webhooks/" + id, owner).json().get("enabled").booleanValue())
        .isTrue();
  }

  @Test
  void webhook_calls_need_the_configure_scope_and_deliveries_the_read_scope() {
    String key = api().newWorkspaceKey("Scopes");
    String reader = api().newKey(key, "reader", "read").key();

    assertThat(
            api()
                .post(
                    "/api/v1/webhooks",
                    reader,
                    Map.of("url", HOOK, "events", List.of("execution.failed")))
                .status())
        .isEqualTo(403);
    assertThat(api().get("/api/v1/webhooks/secret", reader).status()).isEqualTo(403);
    assertThat(api().post("/api/v1/webhooks/secret/rotate", reader, null).status()).isEqualTo(403);
    assertThat(
            api().get("/api/v1/executions/" + UUID.randomUUID() + "/deliveries", reader).status())
        .isEqualTo(404);
  }

  @Test
  void the_secret_is_made_on_first_read_stays_the_same_and_is_stored_only_sealed() {
    String key = api().newWorkspaceKey("Secret");

    Answer first = api().get("/api/v1/webhooks/secret", key);
    Answer second = api().get("/api/v1/webhooks/secret", key);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("Cache-Control")).contains("no-store");
    String secret = first.json().get("secret").stringValue();
    assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
    assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(second.json().get("secret").stringValue()).isEqualTo(secret);

    UUID workspace = workspaceOf(key);
    byte[] sealed =
        jdbc.sql("SELECT sealed_secret FROM webhook_secrets WHERE workspace_id = ?")
            .params(workspace)
            .query(byte[].class)
            .single();
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));
    assertThat(sealer.openWebhookSecret(workspace, sealed)).isEqualTo(secret);
    assertThat(api().get("/api/v1/webhooks/secret", api().newWorkspaceKey("Another")).text())
        .doesNotContain(secret);
  }

  @Test
  void rotation_answers_a_new_secret_and_keeps_the_old_one_signing_for_a_day() {
    String key = api().newWorkspaceKey("Rotation");
    String old = api().get("/api/v1/webhooks/secret", key).json().get("secret").stringValue();

    Answer rotated = api().post("/api/v1/webhooks/secret/rotate", key, null);

    assertThat(rotated.status()).isEqualTo(200);
    String fresh = rotated.json().get("secret").stringValue();
    assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
    assertThat(api().get("/api/v1/webhooks/secret", key).json().get("secret").stringValue())
        .isEqualTo(fresh);
    UUID workspace = workspaceOf(key);
    Map<String, Object> row =
        jdbc.sql(
                "SELECT previous_sealed, previous_expires_at FROM webhook_secrets"
                    + " WHERE workspace_id = ?")
            .params(workspace)
            .query()
            .singleRow();
    assertThat(sealer.openWebhookSecret(workspace, (byte[]) row.get("previous_sealed")))
        .isEqualTo(old);
    Instant until = ((java.sql.Timestamp) row.get("previous_expires_at")).toInstant();
    assertThat(Duration.between(Instant.now(), until))
        .isBetween(Duration.ofHours(23), Duration.ofHours(24));

    Answer log = api().get("/api/v1/audit-log", key);
    assertThat(log.json().get("items").get(0).get("action").stringValue())
        .isEqualTo("webhook_secret.rotated");
    assertThat(log.text()).doesNotContain(fresh.substring(6)).doesNotContain(old.substring(6));
  }

  @Test
  void a_trigger_whose_callback_url_the_ssrf_guard_refuses_answers_422_and_writes_nothing() {
    String key = api().newWorkspaceKey("Bad callback");
    String connector = connector(key, TestConnectors.ping("ping"));

    for (String url :
        List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.7/cb", "ftp://x/cb")) {
      Answer answer =
          api()
              .post(
                  "/api/v1/connectors/" + connector + "/executions",
                  key,
                  Map.of("callbackUrl", url));
      assertThat(answer.status()).as(url + ": " + answer).isEqualTo(422);
      assertThat(answer.errorFields()).as(url).containsExactly("callbackUrl");
    }
    assertThat(api().get("/api/v1/executions?connectorId=" + connector, key).json().get("items"))
        .isEmpty();
  }

  @Test
  void cancelling_a_pending_run_records_deliveries_for_matching_endpoints_and_its_callback() {
    String key = api().newWorkspaceKey("Outbox");
    String connector = connector(key, TestConnectors.ping("ping"));
    String otherConnector = connector(key, TestConnectors.ping("other"));
    String wanted = endpoint(key, Map.of("url", HOOK, "events", List.of("execution.cancelled")));
    endpoint(key, Map.of("url", HOOK + "/ok", "events", List.of("execution.succeeded")));
    endpoint(
        key,
        Map.of(
            "url",
            HOOK + "/other",
            "events",
            List.of("execution.cancelled"),
            "connectorId",
            otherConnector));
    String disabled =
        endpoint(key, Map.of("url", HOOK + "/off", "events", List.of("execution.cancelled")));
    api()
        .call(
            HttpMethod.PATCH,
            "/api/v1/webhooks/" + disabled,
            key,
            Map.of("enabled", false),
            Map.of());
    String execution =
        api()
            .post(
                "/api/v1/connectors/" + connector + "/executions",
                key,
                Map.of("callbackUrl", "https://93.184.215.14/callback"))
            .json()
            .get("id")
            .stringValue();
    assertThat(api().get("/api/v1/executions/" + execution + "/deliveries", key).json()).isEmpty();

    assertThat(api().post("/api/v1/executions/" + execution + "/cancel", key, null).status())
        .isEqualTo(202);

    Answer deliveries = api().get("/api/v1/executions/" + execution + "/deliveries", key);
    assertThat(deliveries.status()).isEqualTo(200);
    List<JsonNode> items = deliveries.json().valueStream().toList();
    assertThat(items).hasSize(2);
    JsonNode toEndpoint =
        items.stream().filter(d -> !d.get("callback").booleanValue()).findFirst().orElseThrow();
    JsonNode toCallback =
        items.stream().filter(d -> d.get("callback").booleanValue()).findFirst().orElseThrow();
    assertThat(toEndpoint.get("endpointId").stringValue()).isEqualTo(wanted);
    assertThat(toEndpoint.get("url").stringValue()).isEqualTo(HOOK);
    assertThat(toCallback.get("endpointId").isNull()).isTrue();
    assertThat(toCallback.get("url").stringValue()).isEqualTo("https://93.184.215.14/callback");
    for (JsonNode delivery : items) {
      assertThat(delivery.get("eventType").stringValue()).isEqualTo("execution.cancelled");
      assertThat(delivery.get("status").stringValue()).isEqualTo("pending");
      assertThat(delivery.get("attempts")).isEmpty();
      assertThat(delivery.get("nextAttemptAt").isNull()).isFalse();
      assertThat(delivery.get("webhookId").stringValue())
          .isEqualTo("msg_" + delivery.get("id").stringValue());
      assertThat(delivery.get("executionId").stringValue()).isEqualTo(execution);
    }
    String stranger = api().newWorkspaceKey("Stranger to deliveries");
    assertThat(api().get("/api/v1/executions/" + execution + "/deliveries", stranger).status())
        .isEqualTo(404);
  }

  @Test
  void redelivery_starts_a_new_cycle_with_the_same_webhook_id() {
    String key = api().newWorkspaceKey("Redeliver");
    String connector = connector(key, TestConnectors.ping("ping"));
    String execution =
        api()
            .post(
                "/api/v1/connectors/" + connector + "/executions",
                key,
                Map.of("callbackUrl", "https://93.184.215.14/callback"))
            .json()
            .get("id")
            .stringValue();
    api().post("/api/v1/executions/" + execution + "/cancel", key, null);
    JsonNode delivery =
        api().get("/api/v1/executions/" + execution + "/deliveries", key).json().get(0);
    String id = delivery.get("id").stringValue();
    OffsetDateTime longAgo = OffsetDateTime.now().minusDays(2);
    jdbc.sql(
            """
            UPDATE webhook_deliveries
               SET status = 'failed', claims = 3, cycle_started_at = ?, next_attempt_at = ?,
                   attempts = '[{"at":"2026-01-01T00:00:00Z","httpStatus":404,"latencyMs":12,
                                 "error":"HTTP 404","response":null}]'
             WHERE id = ?
            """)
        .params(longAgo, longAgo, UUID.fromString(id))
        .update();
    assertThat(
            api()
                .get("/api/v1/executions/" + execution + "/deliveries", key)
                .json()
                .get(0)
                .get("nextAttemptAt")
                .isNull())
        .isTrue();

    Answer redelivered = api().post("/api/v1/webhooks/deliveries/" + id + "/redeliver", key, null);

    assertThat(redelivered.status()).isEqualTo(202);
    JsonNode again =
        api().get("/api/v1/executions/" + execution + "/deliveries", key).json().get(0);
    assertThat(again.get("status").stringValue()).isEqualTo("pending");
    assertThat(again.get("webhookId").stringValue())
        .isEqualTo(delivery.get("webhookId").stringValue());
    assertThat(again.get("attempts")).hasSize(1);
    assertThat(again.get("attempts").get(0).get("httpStatus").intValue()).isEqualTo(404);
    OffsetDateTime cycle =
        jdbc.sql("SELECT cycle_started_at FROM webhook_deliveries WHERE id = ?")
            .params(UUID.fromString(id))
            .query(OffsetDateTime.class)
            .single();
    assertThat(cycle).isAfter(OffsetDateTime.now().minusMinutes(1));
    String stranger = api().newWorkspaceKey("Stranger to redelivery");
    assertThat(
            api().post("/api/v1/webhooks/deliveries/" + id + "/redeliver", stranger, null).status())
        .isEqualTo(404);
    assertThat(
            api()
                .get("/api/v1/audit-log", key)
                .json()
                .get("items")
                .get(0)
                .get("action")
                .stringValue())
        .isEqualTo("webhook_delivery.redelivered");
  }

  @Test
  void a_workspace_has_at_most_fifty_endpoints() {
    String key = api().newWorkspaceKey("Many endpoints");
    for (int i = 0; i < WebhookEndpoints.MAX_ENDPOINTS; i++) {
      endpoint(key, Map.of("url", HOOK + "/" + i, "events", List.of("execution.failed")));
    }

    Answer oneMore =
        api()
            .post(
                "/api/v1/webhooks",
                key,
                Map.of("url", HOOK, "events", List.of("execution.failed")));

    assertThat(oneMore.status()).isEqualTo(409);
    assertThat(oneMore.contentType()).startsWith("application/problem+json");
  }

  private String endpoint(String key, Map<String, Object> body) {
    Answer created = api().post("/api/v1/webhooks", key, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private String connector(String key, Object body) {
    Answer created = api().post("/api/v1/connectors", key, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private UUID workspaceOf(String key) {
    return jdbc.sql("SELECT workspace_id FROM api_keys WHERE prefix = ?")
        .params(ApiKeys.prefix(key))
        .query(UUID.class)
        .single();
  }
}
