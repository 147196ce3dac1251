package dev.connectorengine.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiClient.NewKey;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.IllegalTransactionStateException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@ApiIntegrationTest
class AuditLogApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final String CANARY = "sk_live_AUDIT_CANARY_5e1d";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  // As the tables' owner: the app's own connections see one workspace per transaction.
  final JdbcClient jdbc = TestDatabase.asOwner(DB);
  @Autowired AuditLog audit;

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void every_change_is_recorded_with_its_actor_newest_first_and_no_secret() {
    String root = api().newWorkspaceKey("Audited");
    NewKey actor = api().newKey(root, "actor", "read", "execute", "configure");
    String key = actor.key();
    // A spec can carry a pasted secret too: the log names the connector, never its spec.
    ObjectNode spec = TestConnectors.ping("Audited connector");
    ((ObjectNode) spec.at("/steps/0/request")).putObject("headers").put("X-Token", CANARY);

    String connector = api().post("/api/v1/connectors", key, spec).json().get("id").stringValue();
    api().put("/api/v1/connectors/" + connector, key, spec.put("name", "Renamed"));
    api()
        .put(
            "/api/v1/credentials/crm",
            key,
            Map.of("type", "bearer", "values", Map.of("token", CANARY)));
    api()
        .put(
            "/api/v1/credentials/crm",
            key,
            Map.of(
                "type",
                "basic",
                "values",
                Map.of("username", "u", "password", CANARY),
                "expiresAt",
                "2031-01-01T00:00:00Z"));
    String execution =
        api()
            .post("/api/v1/connectors/" + connector + "/executions", key, Map.of())
            .json()
            .get("id")
            .stringValue();
    assertThat(api().post("/api/v1/executions/" + execution + "/cancel", key, null).status())
        .isEqualTo(202);
    NewKey extra = api().newKey(key, "extra", "read");
    api().delete("/api/v1/api-keys/" + extra.id(), key);
    api().delete("/api/v1/credentials/crm", key);
    api().delete("/api/v1/connectors/" + connector, key);

    Answer log = api().get("/api/v1/audit-log?limit=100", key);

    assertThat(log.status()).isEqualTo(200);
    assertThat(log.text()).doesNotContain(CANARY).doesNotContain(extra.key().substring(12));
    assertThat(log.json().get("nextCursor").isNull()).isTrue();
    List<JsonNode> items = log.json().get("items").valueStream().toList();
    assertThat(items.stream().map(i -> i.get("action").stringValue()))
        .containsExactly(
            "connector.deleted",
            "credential.deleted",
            "api_key.revoked",
            "api_key.created",
            "execution.cancelled",
            "credential.replaced",
            "credential.created",
            "connector.updated",
            "connector.created",
            "api_key.created",
            "api_key.created");
    assertThat(items.subList(0, 9))
        .allSatisfy(i -> assertThat(i.get("actorKeyId").stringValue()).isEqualTo(actor.id()));
    // The workspace's first key was made with the admin token: no key acted.
    assertThat(items.getLast().get("actorKeyId").isNull()).isTrue();
    assertThat(items.getLast().at("/details/name").stringValue()).isEqualTo("initial key");

    JsonNode created = items.get(8);
    assertThat(created.get("resourceType").stringValue()).isEqualTo("connector");
    assertThat(created.get("resourceId").stringValue()).isEqualTo(connector);
    assertThat(created.at("/details/name").stringValue()).isEqualTo("Audited connector");
    assertThat(items.get(7).at("/details/version").asInt()).isEqualTo(2);
    assertThat(items.get(7).at("/details/name").stringValue()).isEqualTo("Renamed");
    JsonNode replaced = items.get(5);
    assertThat(replaced.get("resourceType").stringValue()).isEqualTo("credential");
    assertThat(replaced.get("resourceId").stringValue()).isEqualTo("crm");
    assertThat(replaced.at("/details/type").stringValue()).isEqualTo("basic");
    assertThat(replaced.at("/details/valueNames").valueStream().map(JsonNode::stringValue))
        .containsExactly("password", "username");
    assertThat(items.get(4).get("resourceId").stringValue()).isEqualTo(execution);
    assertThat(items.get(4).at("/details/from").stringValue()).isEqualTo("pending");
    assertThat(items.get(3).get("resourceId").stringValue()).isEqualTo(extra.id());
    assertThat(items.get(3).at("/details/scopes/0").stringValue()).isEqualTo("read");
    assertThat(items.get(2).get("resourceId").stringValue()).isEqualTo(extra.id());
    assertThat(items.getFirst().get("createdAt").stringValue()).isNotBlank();
    assertThat(items.getFirst().propertyNames())
        .containsExactlyInAnyOrder(
            "id", "actorKeyId", "action", "resourceType", "resourceId", "details", "createdAt");
    assertThat(
            jdbc.sql("SELECT count(*) FROM audit_log WHERE details::text LIKE ?")
                .param("%" + CANARY + "%")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void a_refused_change_writes_no_row() {
    String key = api().newWorkspaceKey("Refused");
    long before = rows();

    Answer invalid = api().post("/api/v1/connectors", key, "{\"name\": \"\"}");
    Answer missing = api().delete("/api/v1/connectors/" + UUID.randomUUID(), key);
    Answer badCredential =
        api().put("/api/v1/credentials/x", key, Map.of("type", "bearer", "values", Map.of()));

    assertThat(invalid.status()).isEqualTo(422);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(badCredential.status()).isEqualTo(422);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void the_log_pages_by_cursor_and_stays_within_the_workspace() {
    String key = api().newWorkspaceKey("Paged");
    String stranger = api().newWorkspaceKey("Stranger");
    for (int i = 0; i < 5; i++) {
      api().post("/api/v1/connectors", key, TestConnectors.ping("c" + i));
    }
    api().post("/api/v1/connectors", stranger, TestConnectors.ping("theirs"));

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Answer page =
          api().get("/api/v1/audit-log?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key);
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").valueStream().forEach(i -> seen.add(i.get("id").stringValue()));
      JsonNode next = page.json().get("nextCursor");
      cursor = next.isNull() ? null : next.stringValue();
    } while (cursor != null);

    assertThat(seen).hasSize(6).doesNotHaveDuplicates();
    assertThat(api().get("/api/v1/audit-log", stranger).json().get("items")).hasSize(2);
    assertThat(api().get("/api/v1/audit-log?cursor=nope", key).errorFields())
        .containsExactly("cursor");
    assertThat(api().get("/api/v1/audit-log?limit=201", key).errorFields())
        .containsExactly("limit");
  }

  @Test
  void reading_the_log_needs_the_configure_scope() {
    String root = api().newWorkspaceKey("Readers");
    NewKey reader = api().newKey(root, "dashboard", "read", "execute");

    Answer answer = api().get("/api/v1/audit-log", reader.key());

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().get("requiredScope").stringValue()).isEqualTo("configure");
  }

  @Test
  void rows_are_append_only() {
    api().newWorkspaceKey("Append only");

    assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET action = 'forged'").update())
        .rootCause()
        .hasMessageContaining("append-only");
  }

  @Test
  void a_row_is_only_written_inside_the_changes_transaction() {
    ApiPrincipal actor =
        new ApiPrincipal(UUID.randomUUID(), UUID.randomUUID(), Set.of(Scope.CONFIGURE));

    assertThatThrownBy(
            () -> audit.record(actor, AuditAction.CONNECTOR_CREATED, UUID.randomUUID(), Map.of()))
        .isInstanceOf(IllegalTransactionStateException.class);
  }

  private long rows() {
    return jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single();
  }
}
