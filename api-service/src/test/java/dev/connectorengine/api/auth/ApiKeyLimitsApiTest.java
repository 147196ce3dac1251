package dev.connectorengine.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiClient.NewKey;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** API keys that expire, and keys that may trigger only some connectors. */
@ApiIntegrationTest
class ApiKeyLimitsApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  // As the tables' owner: the app's own connections see one workspace per transaction.
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void a_key_is_created_with_its_expiry_and_connectors_and_lists_show_both() {
    String root = api().newWorkspaceKey("Limits");
    String connector = connector(root, "A");
    Instant expiresAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

    Answer created =
        api()
            .post(
                "/api/v1/api-keys",
                root,
                Map.of(
                    "name", "CI",
                    "scopes", List.of("execute"),
                    "expiresAt", expiresAt.toString(),
                    "connectorIds", List.of(connector)));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(Instant.parse(created.json().get("expiresAt").stringValue())).isEqualTo(expiresAt);
    assertThat(ids(created.json().get("connectorIds"))).containsExactly(connector);
    JsonNode listed = listed(root, created.json().get("id").stringValue());
    assertThat(Instant.parse(listed.get("expiresAt").stringValue())).isEqualTo(expiresAt);
    assertThat(ids(listed.get("connectorIds"))).containsExactly(connector);
    JsonNode first = api().get("/api/v1/api-keys", root).json().get("items").get(1);
    assertThat(first.get("expiresAt").isNull()).isTrue();
    assertThat(first.get("connectorIds").isNull()).isTrue();
  }

  @Test
  void a_bad_expiry_or_connector_list_answers_422_naming_the_field_and_writes_nothing() {
    String root = api().newWorkspaceKey("Bad limits");
    String stranger = api().newWorkspaceKey("Stranger");
    String mine = connector(root, "Mine");
    String theirs = connector(stranger, "Theirs");
    String deleted = connector(root, "Deleted");
    assertThat(api().delete("/api/v1/connectors/" + deleted, root).status()).isEqualTo(204);
    Instant now = Instant.now();

    assertThat(refused(root, Map.of("expiresAt", now.minusSeconds(60).toString())))
        .containsExactly("expiresAt");
    assertThat(refused(root, Map.of("expiresAt", now.plus(Duration.ofDays(6 * 366)).toString())))
        .containsExactly("expiresAt");
    assertThat(refused(root, Map.of("connectorIds", List.of(mine, UUID.randomUUID().toString()))))
        .containsExactly("connectorIds[1]");
    assertThat(refused(root, Map.of("connectorIds", List.of(theirs))))
        .containsExactly("connectorIds[0]");
    assertThat(refused(root, Map.of("connectorIds", List.of(deleted))))
        .containsExactly("connectorIds[0]");
    assertThat(refused(root, Map.of("connectorIds", List.of(mine, mine))))
        .containsExactly("connectorIds[1]");
    assertThat(refused(root, Map.of("connectorIds", List.of()))).containsExactly("connectorIds");
    assertThat(
            jdbc.sql("SELECT count(*) FROM api_keys WHERE name = 'bad'").query(Long.class).single())
        .isZero();
  }

  @Test
  void an_expired_key_answers_401_saying_so_while_another_key_of_its_workspace_works() {
    String root = api().newWorkspaceKey("Expiry");
    NewKey expiring =
        api()
            .newKey(
                root,
                Map.of(
                    "name",
                    "expiring",
                    "scopes",
                    List.of("read"),
                    "expiresAt",
                    Instant.now().plus(Duration.ofHours(1)).toString()));
    assertThat(api().get("/api/v1/connectors", expiring.key()).status()).isEqualTo(200);
    Instant past = Instant.parse("2026-01-02T03:04:05Z");
    jdbc.sql("UPDATE api_keys SET expires_at = ?::timestamptz WHERE id = ?::uuid")
        .params(past.toString(), expiring.id())
        .update();

    Answer refused = api().get("/api/v1/connectors", expiring.key());

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.json().get("detail").stringValue())
        .isEqualTo("API key expired at 2026-01-02T03:04:05Z");
    assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
    assertThat(api().get("/api/v1/connectors", root).status()).isEqualTo(200);
    assertThat(api().delete("/api/v1/api-keys/" + expiring.id(), root).status()).isEqualTo(204);
    assertThat(api().get("/api/v1/connectors", expiring.key()).json().get("detail").stringValue())
        .isEqualTo("unknown or revoked API key");
  }

  @Test
  void a_limited_key_triggers_batches_and_retries_its_connectors_only_and_reads_them_all() {
    String root = api().newWorkspaceKey("Limited");
    String allowed = connector(root, "Allowed");
    String other = connector(root, "Other");
    NewKey limited =
        api()
            .newKey(
                root,
                Map.of(
                    "name",
                    "limited",
                    "scopes",
                    List.of("read", "execute"),
                    "connectorIds",
                    List.of(allowed)));

    assertThat(trigger(limited.key(), allowed).status()).isEqualTo(202);
    assertRefused(trigger(limited.key(), other), other);
    assertThat(batch(limited.key(), allowed).status()).isEqualTo(202);
    assertRefused(batch(limited.key(), other), other);

    String ranAllowed = failed(trigger(root, allowed));
    String ranOther = failed(trigger(root, other));
    assertThat(retry(limited.key(), ranAllowed).status()).isEqualTo(202);
    assertRefused(retry(limited.key(), ranOther), other);
    assertThat(api().get("/api/v1/executions/" + ranOther, limited.key()).status()).isEqualTo(200);
    assertThat(
            jdbc.sql("SELECT count(*) FROM connector_executions WHERE connector_id = ?::uuid")
                .param(other)
                .query(Long.class)
                .single())
        .isOne();

    assertThat(trigger(root, other).status()).isEqualTo(202);
    assertThat(batch(root, other).status()).isEqualTo(202);
    assertThat(retry(root, ranOther).status()).isEqualTo(202);
  }

  @Test
  void a_limited_key_makes_only_keys_as_limited_as_itself() {
    String root = api().newWorkspaceKey("Narrower");
    String mine = connector(root, "Mine");
    String other = connector(root, "Other");
    Instant until = Instant.now().plus(Duration.ofHours(2));
    NewKey maker =
        api()
            .newKey(
                root,
                Map.of(
                    "name", "maker",
                    "scopes", List.of("configure"),
                    "expiresAt", until.toString(),
                    "connectorIds", List.of(mine)));
    Map<String, Object> unlimited = Map.of("name", "wider", "scopes", List.of("configure"));
    Map<String, Object> otherConnector =
        Map.of(
            "name", "wider",
            "scopes", List.of("configure"),
            "expiresAt", until.minusSeconds(60).toString(),
            "connectorIds", List.of(other));

    Answer wider = api().post("/api/v1/api-keys", maker.key(), unlimited);
    Answer elsewhere = api().post("/api/v1/api-keys", maker.key(), otherConnector);

    assertThat(wider.status()).as(wider.toString()).isEqualTo(403);
    assertThat(wider.errorFields()).containsExactly("expiresAt", "connectorIds");
    assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(403);
    assertThat(elsewhere.errorFields()).containsExactly("connectorIds[0]");
    assertThat(
            jdbc.sql("SELECT count(*) FROM api_keys WHERE name = 'wider'")
                .query(Long.class)
                .single())
        .isZero();
    api()
        .newKey(
            maker.key(),
            Map.of(
                "name", "narrower",
                "scopes", List.of("configure"),
                "expiresAt", until.minusSeconds(60).toString(),
                "connectorIds", List.of(mine)));
  }

  private static void assertRefused(Answer answer, String connector) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("connectorId").stringValue()).isEqualTo(connector);
    assertThat(answer.json().get("detail").stringValue()).contains(connector);
  }

  private List<String> refused(String key, Map<String, Object> limits) {
    Map<String, Object> body = new HashMap<>(Map.of("name", "bad", "scopes", List.of("read")));
    body.putAll(limits);
    Answer answer = api().post("/api/v1/api-keys", key, body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    return answer.errorFields();
  }

  private String connector(String key, String name) {
    Answer created = api().post("/api/v1/connectors", key, TestConnectors.ping(name));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private Answer trigger(String key, String connector) {
    return api().post("/api/v1/connectors/" + connector + "/executions", key, Map.of());
  }

  private Answer batch(String key, String connector) {
    return api()
        .post(
            "/api/v1/connectors/" + connector + "/executions/batch",
            key,
            Map.of("items", List.of(Map.of())));
  }

  private Answer retry(String key, String execution) {
    return api().post("/api/v1/executions/" + execution + "/retry", key, null);
  }

  /** Marks a triggered execution failed, as a worker would, so that it may be retried. */
  private String failed(Answer triggered) {
    assertThat(triggered.status()).as(triggered.toString()).isEqualTo(202);
    String id = triggered.json().get("id").stringValue();
    jdbc.sql(
            "UPDATE connector_executions SET status = 'failed', attempt = 1, finished_at = now()"
                + " WHERE id = ?::uuid")
        .param(id)
        .update();
    return id;
  }

  private JsonNode listed(String key, String id) {
    return api()
        .get("/api/v1/api-keys", key)
        .json()
        .get("items")
        .valueStream()
        .filter(i -> i.get("id").stringValue().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> ids(JsonNode array) {
    return array.valueStream().map(JsonNode::stringValue).toList();
  }
}
