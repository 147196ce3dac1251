package dev.connectorengine.api.auth;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiClient.NewKey;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@ApiIntegrationTest
class ApiKeyApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  /** The scope table as the README documents it; the code's table must be exactly this. */
  static final Map<String, Scope> SCOPE_TABLE =
      Map.ofEntries(
          entry("POST /api/v1/connectors", Scope.CONFIGURE),
          entry("GET /api/v1/connectors", Scope.READ),
          entry("GET /api/v1/connectors/{id}", Scope.READ),
          entry("PUT /api/v1/connectors/{id}", Scope.CONFIGURE),
          entry("DELETE /api/v1/connectors/{id}", Scope.CONFIGURE),
          entry("POST /api/v1/connectors/{connectorId}/executions", Scope.EXECUTE),
          entry("POST /api/v1/connectors/{connectorId}/executions/batch", Scope.EXECUTE),
          entry("GET /api/v1/executions", Scope.READ),
          entry("GET /api/v1/executions/{id}", Scope.READ),
          entry("POST /api/v1/executions/{id}/cancel", Scope.EXECUTE),
          entry("POST /api/v1/executions/{id}/retry", Scope.EXECUTE),
          entry("GET /api/v1/executions/{id}/deliveries", Scope.READ),
          entry("GET /api/v1/request-logs", Scope.READ),
          entry("POST /api/v1/webhooks", Scope.CONFIGURE),
          entry("GET /api/v1/webhooks", Scope.CONFIGURE),
          entry("GET /api/v1/webhooks/{id}", Scope.CONFIGURE),
          entry("PATCH /api/v1/webhooks/{id}", Scope.CONFIGURE),
          entry("DELETE /api/v1/webhooks/{id}", Scope.CONFIGURE),
          entry("GET /api/v1/webhooks/secret", Scope.CONFIGURE),
          entry("POST /api/v1/webhooks/secret/rotate", Scope.CONFIGURE),
          entry("POST /api/v1/webhooks/deliveries/{id}/redeliver", Scope.CONFIGURE),
          entry("GET /api/v1/credentials", Scope.READ),
          entry("PATCH /api/v1/credentials/{service}", Scope.CONFIGURE),
          entry("PUT /api/v1/credentials/{service}", Scope.CONFIGURE),
          entry("GET /api/v1/credentials/{service}", Scope.READ),
          entry("DELETE /api/v1/credentials/{service}", Scope.CONFIGURE),
          entry("POST /api/v1/credentials/{service}/test", Scope.CONFIGURE),
          entry("POST /api/v1/api-keys", Scope.CONFIGURE),
          entry("GET /api/v1/api-keys", Scope.CONFIGURE),
          entry("DELETE /api/v1/api-keys/{id}", Scope.CONFIGURE),
          entry("GET /api/v1/audit-log", Scope.CONFIGURE),
          entry("GET /api/v1/templates", Scope.READ),
          entry("GET /api/v1/templates/{id}", Scope.READ),
          entry("POST /api/v1/templates", Scope.CONFIGURE),
          entry("PATCH /api/v1/templates/{id}", Scope.CONFIGURE),
          entry("DELETE /api/v1/templates/{id}", Scope.CONFIGURE),
          entry("POST /api/v1/templates/{id}/install", Scope.CONFIGURE),
          entry("PUT /api/v1/templates/{id}/rating", Scope.CONFIGURE),
          entry("POST /api/v1/integrations", Scope.CONFIGURE),
          entry("GET /api/v1/integrations", Scope.READ),
          entry("GET /api/v1/integrations/{slug}", Scope.READ),
          entry("PUT /api/v1/integrations/{slug}", Scope.CONFIGURE),
          entry("DELETE /api/v1/integrations/{slug}", Scope.CONFIGURE),
          entry("POST /api/v1/integrations/{slug}/actions", Scope.CONFIGURE),
          entry("GET /api/v1/integrations/{slug}/actions", Scope.READ),
          entry("GET /api/v1/integrations/{slug}/actions/{action}", Scope.READ),
          entry("PUT /api/v1/integrations/{slug}/actions/{action}", Scope.CONFIGURE),
          entry("DELETE /api/v1/integrations/{slug}/actions/{action}", Scope.CONFIGURE),
          entry("POST /api/v1/integrations/{slug}/actions/{action}/invoke", Scope.EXECUTE),
          entry("GET /api/v1/usage", Scope.READ));

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  // As the tables' owner: the app's own connections see one workspace per transaction.
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void create_shows_the_key_once_and_lists_never_show_it() {
    String root = api().newWorkspaceKey("Keys");

    Answer created =
        api().post("/api/v1/api-keys", root, Map.of("name", " CI ", "scopes", List.of("read")));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).contains("no-store");
    String key = created.json().get("apiKey").stringValue();
    assertThat(key).matches("ce_[A-Za-z0-9_-]{40}");
    assertThat(created.json().get("prefix").stringValue()).isEqualTo(key.substring(0, 12));
    assertThat(created.json().get("name").stringValue()).isEqualTo("CI");
    assertThat(created.json().get("scopes").valueStream().map(s -> s.stringValue()))
        .containsExactly("read");
    assertThat(created.json().get("createdAt").stringValue()).isNotBlank();
    assertThat(api().get("/api/v1/connectors", key).status()).isEqualTo(200);

    Answer list = api().get("/api/v1/api-keys", root);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.text()).doesNotContain(key.substring(12)).doesNotContain("hash");
    assertThat(list.json().get("items")).hasSize(2);
    var item =
        list.json()
            .get("items")
            .valueStream()
            .filter(i -> i.get("id").equals(created.json().get("id")))
            .findFirst()
            .orElseThrow();
    assertThat(item.get("prefix").stringValue()).isEqualTo(key.substring(0, 12));
    assertThat(item.get("name").stringValue()).isEqualTo("CI");
    assertThat(item.get("scopes").valueStream().map(s -> s.stringValue())).containsExactly("read");
    assertThat(item.get("lastUsedAt").isNull()).isFalse();
    assertThat(item.get("revokedAt").isNull()).isTrue();
    assertThat(item.propertyNames())
        .containsExactlyInAnyOrder(
            "id",
            "name",
            "prefix",
            "scopes",
            "createdAt",
            "lastUsedAt",
            "revokedAt",
            "expiresAt",
            "connectorIds",
            "runsPerDay",
            "runsPerMonth");
  }

  @Test
  void a_revoked_key_answers_401_at_once_and_stays_listed_as_revoked() {
    String root = api().newWorkspaceKey("Revoke");
    NewKey other = api().newKey(root, "to revoke", "read");
    assertThat(api().get("/api/v1/connectors", other.key()).status()).isEqualTo(200);

    Answer revoked = api().delete("/api/v1/api-keys/" + other.id(), root);

    assertThat(revoked.status()).isEqualTo(204);
    assertThat(api().get("/api/v1/connectors", other.key()).status()).isEqualTo(401);
    assertThat(api().delete("/api/v1/api-keys/" + other.id(), root).status()).isEqualTo(204);
    var listed =
        api()
            .get("/api/v1/api-keys", root)
            .json()
            .get("items")
            .valueStream()
            .filter(i -> i.get("id").stringValue().equals(other.id()))
            .findFirst()
            .orElseThrow();
    assertThat(listed.get("revokedAt").isNull()).isFalse();
  }

  @Test
  void a_key_may_revoke_itself() {
    String root = api().newWorkspaceKey("Self");
    NewKey self = api().newKey(root, "self", "configure");

    assertThat(api().delete("/api/v1/api-keys/" + self.id(), self.key()).status()).isEqualTo(204);
    assertThat(api().get("/api/v1/api-keys", self.key()).status()).isEqualTo(401);
    assertThat(api().get("/api/v1/api-keys", root).status()).isEqualTo(200);
  }

  @Test
  void another_workspaces_key_answers_404_and_keeps_working() {
    String owner = api().newWorkspaceKey("Owner");
    String stranger = api().newWorkspaceKey("Stranger");
    NewKey owned = api().newKey(owner, "owned", "read");

    Answer answer = api().delete("/api/v1/api-keys/" + owned.id(), stranger);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(api().get("/api/v1/connectors", owned.key()).status()).isEqualTo(200);
    assertThat(api().get("/api/v1/api-keys", stranger).text()).doesNotContain(owned.id());
    assertThat(api().delete("/api/v1/api-keys/" + UUID.randomUUID(), owner).status())
        .isEqualTo(404);
  }

  @Test
  void a_key_cannot_grant_a_scope_it_lacks() {
    String root = api().newWorkspaceKey("Escalation");
    NewKey configureOnly = api().newKey(root, "admin", "configure");

    Answer answer =
        api()
            .post(
                "/api/v1/api-keys",
                configureOnly.key(),
                Map.of("name", "stronger", "scopes", List.of("configure", "execute")));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().get("requiredScope").stringValue()).isEqualTo("execute");
    assertThat(count("SELECT count(*) FROM api_keys WHERE name = 'stronger'")).isZero();
  }

  @Test
  void invalid_keys_are_refused_naming_the_fields() {
    String root = api().newWorkspaceKey("Invalid");

    Answer empty = api().post("/api/v1/api-keys", root, "{}");
    Answer unknownScope =
        api()
            .post(
                "/api/v1/api-keys",
                root,
                "{\"name\": \"k\", \"scopes\": [\"read\", \"admin\", null]}");
    Answer wrongType =
        api().post("/api/v1/api-keys", root, "{\"name\": \"k\", \"scopes\": \"read\"}");
    Answer unknownField =
        api()
            .post(
                "/api/v1/api-keys", root, "{\"name\": \"k\", \"scopes\": [\"read\"], \"ttl\": 1}");
    Answer longName =
        api()
            .post(
                "/api/v1/api-keys",
                root,
                Map.of("name", "n".repeat(201), "scopes", List.of("read")));

    assertThat(empty.status()).isEqualTo(422);
    assertThat(empty.errorFields()).containsExactly("name", "scopes");
    assertThat(unknownScope.status()).isEqualTo(422);
    assertThat(unknownScope.errorFields()).containsExactly("scopes[1]", "scopes[2]");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.errorFields()).containsExactly("scopes");
    assertThat(wrongType.json().at("/errors/0/message").stringValue()).contains("an array");
    assertThat(unknownField.errorFields()).containsExactly("ttl");
    assertThat(longName.errorFields()).containsExactly("name");
    assertThat(count("SELECT count(*) FROM api_keys WHERE name = 'k'")).isZero();
  }

  @Test
  void the_list_pages_newest_first() {
    String root = api().newWorkspaceKey("Pages");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      made.add(api().newKey(root, "k" + i, "read").id());
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Answer page =
          api().get("/api/v1/api-keys?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), root);
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").valueStream().forEach(i -> seen.add(i.get("id").stringValue()));
      cursor =
          page.json().get("nextCursor").isNull()
              ? null
              : page.json().get("nextCursor").stringValue();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    assertThat(seen.subList(0, 4)).containsExactlyElementsOf(made.reversed());
    assertThat(api().get("/api/v1/api-keys?limit=0", root).errorFields()).containsExactly("limit");
  }

  @Test
  void last_use_is_written_at_most_once_a_minute() {
    String key = api().newWorkspaceKey("Last use");
    byte[] hash = ApiKeys.hash(key);
    jdbc.sql("UPDATE api_keys SET last_used_at = now() - interval '30 seconds' WHERE key_hash = ?")
        .param(hash)
        .update();
    OffsetDateTime recent = lastUsed(hash);

    api().get("/api/v1/connectors", key);

    assertThat(lastUsed(hash)).isEqualTo(recent);

    jdbc.sql("UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE key_hash = ?")
        .param(hash)
        .update();
    OffsetDateTime old = lastUsed(hash);

    api().get("/api/v1/connectors", key);

    assertThat(lastUsed(hash)).isAfter(old);
  }

  @Test
  void the_scope_table_covers_every_call_as_documented() {
    assertThat(codeScopeTable()).isEqualTo(new TreeMap<>(SCOPE_TABLE));
  }

  @Test
  void every_call_refuses_a_key_without_its_scope_and_admits_one_with_it() {
    String root = api().newWorkspaceKey("Scope table");
    Map<Scope, String> only = new TreeMap<>();
    Map<Scope, String> allBut = new TreeMap<>();
    for (Scope scope : Scope.values()) {
      only.put(scope, api().newKey(root, "only " + scope, scope.wireName()).key());
      allBut.put(
          scope,
          api()
              .newKey(
                  root,
                  "all but " + scope,
                  Arrays.stream(Scope.values())
                      .filter(s -> s != scope)
                      .map(Scope::wireName)
                      .toArray(String[]::new))
              .key());
    }
    Set<String> called = new HashSet<>();

    codeScopeTable()
        .forEach(
            (call, scope) -> {
              HttpMethod method = HttpMethod.valueOf(call.substring(0, call.indexOf(' ')));
              String path =
                  call.substring(call.indexOf(' ') + 1)
                      .replace("{service}", "svc")
                      .replaceAll("\\{[a-zA-Z]+}", UUID.randomUUID().toString());
              String body = method == HttpMethod.POST || method == HttpMethod.PUT ? "{}" : null;

              Answer refused = api().call(method, path, allBut.get(scope), body, Map.of());
              Answer admitted = api().call(method, path, only.get(scope), body, Map.of());

              assertThat(refused.status()).as(call + " " + refused).isEqualTo(403);
              assertThat(refused.contentType()).isEqualTo("application/problem+json");
              assertThat(refused.json().get("requiredScope").stringValue())
                  .as(call)
                  .isEqualTo(scope.wireName());
              assertThat(refused.json().get("detail").stringValue()).contains(scope.wireName());
              assertThat(admitted.status()).as(call + " " + admitted).isNotIn(401, 403);
              called.add(call);
            });

    assertThat(called).hasSize(SCOPE_TABLE.size());
  }

  /** {@code METHOD /path} to scope, read from the handlers' {@link RequiresScope}. */
  private Map<String, Scope> codeScopeTable() {
    Map<String, Scope> table = new TreeMap<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      if (!ScopeCoverageCheck.isKeyGuarded(e.getKey())) {
        continue;
      }
      RequiresScope scope = e.getValue().getMethodAnnotation(RequiresScope.class);
      for (var method : e.getKey().getMethodsCondition().getMethods()) {
        for (String pattern : e.getKey().getPatternValues()) {
          table.put(method + " " + pattern, scope == null ? null : scope.value());
        }
      }
    }
    return table;
  }

  private OffsetDateTime lastUsed(byte[] hash) {
    return jdbc.sql("SELECT last_used_at FROM api_keys WHERE key_hash = ?")
        .param(hash)
        .query(OffsetDateTime.class)
        .single();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
