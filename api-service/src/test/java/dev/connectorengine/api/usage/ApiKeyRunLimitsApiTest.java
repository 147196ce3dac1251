package dev.connectorengine.api.usage;

import static dev.connectorengine.api.ApiIntegrationTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiClient.NewKey;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.api.auth.ApiKeys;
import dev.connectorengine.testsupport.FreshDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Run limits of an API key: counted with the workspace's in one transaction, exact under
 * concurrency, 429 naming {@code apiKey.runsPerDay}, no wider than the maker's, set by the admin.
 */
@ApiIntegrationTest
class ApiKeyRunLimitsApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  final JdbcClient owner = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void over_the_keys_limit_a_trigger_answers_429_and_neither_the_runs_nor_the_counts_are_written() {
    String first = api().newWorkspaceKey("Key limited");
    String connector = connector(first);
    setWorkspaceLimit(first, 1_000);
    NewKey limited = limitedKey(first, 2L, 100L);

    assertThat(trigger(limited.key(), connector).status()).isEqualTo(202);
    assertThat(trigger(limited.key(), connector).status()).isEqualTo(202);
    Answer refused = trigger(limited.key(), connector);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("limit").stringValue()).isEqualTo("apiKey.runsPerDay");
    assertThat(refused.json().get("period").stringValue()).isEqualTo("day");
    assertThat(refused.json().get("max").longValue()).isEqualTo(2);
    assertThat(refused.json().get("apiKeyId").stringValue()).isEqualTo(limited.id());
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 86_400L);
    assertThat(executions(first)).isEqualTo(2);
    // One transaction: the workspace's count went back with the key's refusal.
    assertThat(counted("workspace_usage", "workspace_id", workspaceId(first))).isEqualTo(2);
    assertThat(counted("api_key_usage", "api_key_id", limited.id())).isEqualTo(2);
    Answer batch =
        api()
            .post(
                "/api/v1/connectors/" + connector + "/executions/batch",
                limited.key(),
                Map.of("items", List.of(Map.of())));
    assertThat(batch.status()).isEqualTo(429);
    assertThat(executions(first)).isEqualTo(2);
    // The workspace's other keys are not held to this key's limit.
    assertThat(trigger(first, connector).status()).isEqualTo(202);

    JsonNode usage = api().get("/api/v1/usage", limited.key()).json();
    assertThat(usage.at("/apiKey/id").stringValue()).isEqualTo(limited.id());
    assertThat(usage.at("/apiKey/day/runs").longValue()).isEqualTo(2);
    assertThat(usage.at("/apiKey/day/limit").longValue()).isEqualTo(2);
    assertThat(usage.at("/apiKey/month/limit").longValue()).isEqualTo(100);
    assertThat(usage.at("/apiKey/month/resetsAt").stringValue()).endsWith("T00:00:00Z");
    assertThat(usage.at("/day/runs").longValue()).isEqualTo(3);
    assertThat(api().get("/api/v1/usage", first).json().get("apiKey").isNull()).isTrue();
  }

  @Test
  void concurrent_triggers_never_pass_the_keys_limit() throws Exception {
    String first = api().newWorkspaceKey("Key racing");
    String connector = connector(first);
    NewKey limited = limitedKey(first, 10L, null);

    List<Future<Integer>> answers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 20; i++) {
        answers.add(threads.submit(() -> trigger(limited.key(), connector).status()));
      }
    }
    long accepted = 0;
    for (Future<Integer> answer : answers) {
      int status = answer.get();
      assertThat(status).isIn(202, 429);
      accepted += status == 202 ? 1 : 0;
    }

    assertThat(accepted).isEqualTo(10);
    assertThat(executions(first)).isEqualTo(10);
  }

  @Test
  void a_key_with_limits_makes_only_keys_with_limits_as_low() {
    String first = api().newWorkspaceKey("Key maker");
    NewKey maker = limitedKey(first, 5L, 50L);

    Answer none = createKey(maker.key(), null, null);
    Answer higher = createKey(maker.key(), 6L, 50L);

    assertThat(none.status()).as(none.toString()).isEqualTo(403);
    assertThat(none.errorFields()).containsExactlyInAnyOrder("runsPerDay", "runsPerMonth");
    assertThat(higher.status()).isEqualTo(403);
    assertThat(higher.errorFields()).containsExactly("runsPerDay");
    Answer same = createKey(maker.key(), 5L, 40L);
    assertThat(same.status()).as(same.toString()).isEqualTo(201);
    assertThat(same.json().get("runsPerDay").longValue()).isEqualTo(5);
    assertThat(same.json().get("runsPerMonth").longValue()).isEqualTo(40);
    JsonNode listed = api().get("/api/v1/api-keys", first).json().get("items");
    assertThat(listed.valueStream().filter(k -> k.path("runsPerDay").asLong(-1) == 5).count())
        .isEqualTo(2);
  }

  @Test
  void limits_out_of_range_answer_422_naming_the_field() {
    String first = api().newWorkspaceKey("Key ranges");

    assertThat(createKey(first, -1L, null).errorFields()).containsExactly("runsPerDay");
    assertThat(createKey(first, null, 1_000_000_000_001L).errorFields())
        .containsExactly("runsPerMonth");
    Answer dayOverMonth = createKey(first, 10L, 5L);
    assertThat(dayOverMonth.status()).isEqualTo(422);
    assertThat(dayOverMonth.errorFields()).containsExactly("runsPerDay");
  }

  @Test
  void the_admin_sets_and_clears_a_keys_limits_audited_and_a_lower_one_holds_at_once() {
    String first = api().newWorkspaceKey("Key admin");
    String connector = connector(first);
    NewKey key = api().newKey(first, "worker", "execute", "read");
    for (int i = 0; i < 3; i++) {
      assertThat(trigger(key.key(), connector).status()).isEqualTo(202);
    }
    Answer set = patchKey(first, key.id(), Map.of("runsPerDay", 4, "runsPerMonth", 100));
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.json().get("runsPerDay").longValue()).isEqualTo(4);

    // Counted from when the key has limits: 4 more today.
    for (int i = 0; i < 4; i++) {
      assertThat(trigger(key.key(), connector).status()).isEqualTo(202);
    }
    assertThat(trigger(key.key(), connector).status()).isEqualTo(429);
    Map<String, Object> lower = new HashMap<>();
    lower.put("runsPerDay", null);
    lower.put("runsPerMonth", 2);
    Answer lowered = patchKey(first, key.id(), lower);
    assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
    assertThat(lowered.json().get("runsPerDay").isNull()).isTrue();
    Answer monthly = trigger(key.key(), connector);
    assertThat(monthly.status()).isEqualTo(429);
    assertThat(monthly.json().get("limit").stringValue()).isEqualTo("apiKey.runsPerMonth");
    Map<String, Object> clear = new HashMap<>();
    clear.put("runsPerMonth", null);
    assertThat(patchKey(first, key.id(), clear).status()).isEqualTo(200);
    assertThat(trigger(key.key(), connector).status()).isEqualTo(202);

    List<String> audited =
        owner
            .sql(
                "SELECT details->>'runsPerMonth' FROM audit_log WHERE resource_id = ?"
                    + " AND action = 'api_key.limits_updated' AND actor_key_id IS NULL"
                    + " ORDER BY created_at")
            .param(key.id())
            .query(String.class)
            .list();
    assertThat(audited).containsExactly("100", "2", null);
  }

  @Test
  void the_admin_call_answers_404_for_another_workspaces_key_and_422_for_bad_values() {
    String first = api().newWorkspaceKey("Key admin A");
    String other = api().newWorkspaceKey("Key admin B");
    NewKey theirs = api().newKey(other, "theirs", "read");

    Answer crossed = patchKey(first, theirs.id(), Map.of("runsPerDay", 1));
    assertThat(crossed.status()).isEqualTo(404);
    assertThat(
            api()
                .call(
                    HttpMethod.PATCH,
                    "/api/v1/admin/workspaces/" + workspaceId(other) + "/api-keys/" + theirs.id(),
                    first,
                    Map.of("runsPerDay", 1),
                    Map.of())
                .status())
        .isIn(401, 403);
    assertThat(patchKey(other, theirs.id(), Map.of("runsPerDay", -1)).errorFields())
        .containsExactly("runsPerDay");
    assertThat(patchKey(other, theirs.id(), Map.of("runsPerDay", "many")).errorFields())
        .containsExactly("runsPerDay");
    assertThat(patchKey(other, theirs.id(), Map.of("name", "x")).errorFields())
        .containsExactly("name");
    assertThat(patchKey(other, theirs.id(), Map.of("runsPerDay", 9, "runsPerMonth", 8)).status())
        .isEqualTo(422);
    Answer deleted =
        api()
            .call(
                HttpMethod.DELETE,
                "/api/v1/admin/workspaces/" + workspaceId(other),
                ADMIN_TOKEN,
                null,
                Map.of());
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(patchKey(other, theirs.id(), Map.of("runsPerDay", 1)).status()).isEqualTo(404);
  }

  private NewKey limitedKey(String caller, Long perDay, Long perMonth) {
    Answer created = createKey(caller, perDay, perMonth);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new NewKey(
        created.json().get("id").stringValue(), created.json().get("apiKey").stringValue());
  }

  private Answer createKey(String caller, Long perDay, Long perMonth) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "limited");
    body.put("scopes", List.of("read", "execute", "configure"));
    body.put("runsPerDay", perDay);
    body.put("runsPerMonth", perMonth);
    return api().post("/api/v1/api-keys", caller, body);
  }

  private Answer patchKey(String workspaceKey, String keyId, Map<String, ?> body) {
    return api()
        .call(
            HttpMethod.PATCH,
            "/api/v1/admin/workspaces/" + workspaceId(workspaceKey) + "/api-keys/" + keyId,
            ADMIN_TOKEN,
            body,
            Map.of());
  }

  private void setWorkspaceLimit(String key, long perMonth) {
    Answer patched =
        api()
            .call(
                HttpMethod.PATCH,
                "/api/v1/admin/workspaces/" + workspaceId(key),
                ADMIN_TOKEN,
                Map.of("settings", Map.of("runsPerMonth", perMonth)),
                Map.of());
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> api().get("/api/v1/usage", key).json().at("/month/limit").asString(),
            String.valueOf(perMonth)::equals);
  }

  private String connector(String key) {
    return api()
        .post("/api/v1/connectors", key, TestConnectors.ping("p"))
        .json()
        .get("id")
        .stringValue();
  }

  private Answer trigger(String key, String connector) {
    return api().post("/api/v1/connectors/" + connector + "/executions", key, Map.of());
  }

  private long executions(String key) {
    return owner
        .sql("SELECT count(*) FROM connector_executions WHERE workspace_id = ?::uuid")
        .param(workspaceId(key))
        .query(Long.class)
        .single();
  }

  private long counted(String table, String column, String id) {
    return owner
        .sql(
            "SELECT runs FROM "
                + table
                + " WHERE "
                + column
                + " = ?::uuid AND period = 'day' AND period_start = (now() AT TIME ZONE 'UTC')::date")
        .param(id)
        .query(Long.class)
        .single();
  }

  private String workspaceId(String key) {
    return owner
        .sql("SELECT workspace_id::text FROM api_keys WHERE prefix = ?")
        .param(ApiKeys.prefix(key))
        .query(String.class)
        .single();
  }
}
