package dev.connectorengine.api.usage;

import static dev.connectorengine.api.ApiIntegrationTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.api.auth.ApiKeys;
import dev.connectorengine.testsupport.FreshDatabase;
import java.time.Duration;
import java.util.ArrayList;
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

/** Run limits per UTC day and month: exact, 429 naming the limit, nothing written over it. */
@ApiIntegrationTest
class UsageApiTest {

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
  void usage_without_limits_counts_the_runs_and_shows_no_limit() {
    String key = api().newWorkspaceKey("Unlimited");
    String connector = connector(key);
    trigger(key, connector);
    trigger(key, connector);

    JsonNode usage = api().get("/api/v1/usage", key).json();

    assertThat(usage.at("/day/runs").longValue()).isEqualTo(2);
    assertThat(usage.at("/month/runs").longValue()).isEqualTo(2);
    assertThat(usage.at("/day/limit").isNull()).isTrue();
    assertThat(usage.at("/day/resetsAt").stringValue()).endsWith("T00:00:00Z");
  }

  @Test
  void over_the_days_limit_a_trigger_answers_429_naming_it_and_writes_nothing() {
    String key = api().newWorkspaceKey("Limited");
    String connector = connector(key);
    trigger(key, connector);
    setLimits(key, Map.of("runsPerDay", 2));

    assertThat(trigger(key, connector).status()).isEqualTo(202);
    Answer refused = trigger(key, connector);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    assertThat(refused.json().get("limit").stringValue()).isEqualTo("runsPerDay");
    assertThat(refused.json().get("period").stringValue()).isEqualTo("day");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 86_400L);
    assertThat(executions(key)).isEqualTo(2);
    Answer batch =
        api()
            .post(
                "/api/v1/connectors/" + connector + "/executions/batch",
                key,
                Map.of("items", List.of(Map.of(), Map.of())));
    assertThat(batch.status()).isEqualTo(429);
    assertThat(executions(key)).isEqualTo(2);
    JsonNode usage = api().get("/api/v1/usage", key).json();
    assertThat(usage.at("/day/runs").longValue()).isEqualTo(2);
    assertThat(usage.at("/day/limit").longValue()).isEqualTo(2);
  }

  @Test
  void concurrent_triggers_never_pass_the_limit() throws Exception {
    String key = api().newWorkspaceKey("Racing");
    String connector = connector(key);
    setLimits(key, Map.of("runsPerMonth", 10));

    List<Future<Integer>> answers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 30; i++) {
        answers.add(threads.submit(() -> trigger(key, connector).status()));
      }
    }
    long accepted = 0;
    for (Future<Integer> answer : answers) {
      accepted += answer.get() == 202 ? 1 : 0;
    }

    assertThat(accepted).isEqualTo(10);
    assertThat(executions(key)).isEqualTo(10);
  }

  private void setLimits(String key, Map<String, Object> settings) {
    Answer patched =
        api()
            .call(
                HttpMethod.PATCH,
                "/api/v1/admin/workspaces/" + workspaceId(key),
                ADMIN_TOKEN,
                Map.of("settings", settings),
                Map.of());
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    // Limits are read at most once a second per API instance: wait until triggers see these.
    settings.forEach(
        (name, limit) -> {
          String period = name.equals("runsPerDay") ? "/day/limit" : "/month/limit";
          await()
              .atMost(Duration.ofSeconds(5))
              .until(
                  () -> api().get("/api/v1/usage", key).json().at(period).asString(),
                  String.valueOf(limit)::equals);
        });
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

  private String workspaceId(String key) {
    return owner
        .sql("SELECT workspace_id::text FROM api_keys WHERE prefix = ?")
        .param(ApiKeys.prefix(key))
        .query(String.class)
        .single();
  }
}
