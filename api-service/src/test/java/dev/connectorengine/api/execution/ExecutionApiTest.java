package dev.connectorengine.api.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.PublishedJobs;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@ApiIntegrationTest
class ExecutionApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static PublishedJobs jobs;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @BeforeAll
  static void consumeJobs(@Autowired EmbeddedKafkaBroker broker) {
    jobs = PublishedJobs.consume(broker, "api-test");
  }

  @AfterAll
  static void stopConsuming() throws InterruptedException {
    jobs.close();
  }

  @Autowired MockMvc mvc;
  // As the tables' owner: the app's own connections see one workspace per transaction.
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void trigger_writes_a_pending_row_and_publishes_its_job_after_commit() {
    String key = api().newWorkspaceKey("Trigger");
    String connector = connector(key, TestConnectors.enrichContact());

    Answer answer =
        api()
            .post(
                "/api/v1/connectors/" + connector + "/executions",
                key,
                Map.of("input", Map.of("email", "ada@example.com"), "flowRunId", "flow-42"));

    assertThat(answer.status()).isEqualTo(202);
    JsonNode execution = answer.json();
    String id = execution.get("id").stringValue();
    assertThat(answer.header("Location")).isEqualTo("/api/v1/executions/" + id);
    assertThat(execution.get("status").stringValue()).isEqualTo("pending");
    assertThat(execution.get("connectorId").stringValue()).isEqualTo(connector);
    assertThat(execution.get("flowRunId").stringValue()).isEqualTo("flow-42");
    assertThat(execution.at("/input/email").stringValue()).isEqualTo("ada@example.com");
    assertThat(
            execution
                .get("steps")
                .valueStream()
                .map(s -> s.get("id").stringValue() + ":" + s.get("status").stringValue()))
        .containsExactly("person:pending", "company:pending", "update:pending");
    Map<String, Object> row =
        jdbc.sql(
                "SELECT status, attempt, connector_version, timeout_ms FROM connector_executions"
                    + " WHERE id = ?::uuid")
            .param(id)
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("status", "pending")
        .containsEntry("attempt", 0)
        .containsEntry("connector_version", 1)
        .containsEntry("timeout_ms", 30_000);

    ExecutionJob job = JSON.readValue(jobs.awaitJob(id).value(), ExecutionJob.class);
    assertThat(job.executionId()).hasToString(id);
    assertThat(job.workspaceId()).hasToString(workspaceOf(key));
    assertThat(job.attempt()).isZero();
  }

  @Test
  void an_execution_runs_the_version_current_at_trigger_time() {
    String key = api().newWorkspaceKey("Versions");
    String connector = connector(key, TestConnectors.ping("v1"));
    String first = trigger(key, connector, Map.of()).json().get("id").stringValue();
    api()
        .put(
            "/api/v1/connectors/" + connector,
            key,
            TestConnectors.ping("v2").put("timeoutMs", 5000));

    String id = trigger(key, connector, Map.of()).json().get("id").stringValue();

    assertThat(api().get("/api/v1/executions/" + first, key).json().get("connectorVersion").asInt())
        .isEqualTo(1);
    assertThat(api().get("/api/v1/executions/" + id, key).json().get("connectorVersion").asInt())
        .isEqualTo(2);
    assertThat(
            jdbc.sql("SELECT timeout_ms FROM connector_executions WHERE id = ?::uuid")
                .param(id)
                .query(Integer.class)
                .single())
        .isEqualTo(5000);
  }

  @Test
  void the_same_idempotency_key_yields_the_same_execution_and_one_job() {
    String key = api().newWorkspaceKey("Idempotent");
    String connector = connector(key, TestConnectors.ping("once"));
    Map<String, String> headers = Map.of("Idempotency-Key", "order-1");

    Answer first = triggerWith(key, connector, headers);
    Answer second = triggerWith(key, connector, headers);

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    String id = first.json().get("id").stringValue();
    assertThat(second.json().get("id").stringValue()).isEqualTo(id);
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(rowsOf(connector)).isEqualTo(1);
    jobs.awaitJob(id);
    jobs.awaitExactly(id, 1);
  }

  @Test
  void concurrent_triggers_with_one_idempotency_key_make_one_execution() throws Exception {
    String key = api().newWorkspaceKey("Race");
    String connector = connector(key, TestConnectors.ping("race"));
    Map<String, String> headers = Map.of("Idempotency-Key", "race-" + UUID.randomUUID());
    List<Callable<Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> triggerWith(key, connector, headers));
    }

    Set<String> ids = new HashSet<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Answer> answer : pool.invokeAll(calls)) {
        assertThat(answer.get().status()).isEqualTo(202);
        ids.add(answer.get().json().get("id").stringValue());
      }
    }

    assertThat(ids).hasSize(1);
    assertThat(rowsOf(connector)).isEqualTo(1);
  }

  @Test
  void an_idempotency_key_used_for_another_connector_is_a_conflict_naming_it() {
    String key = api().newWorkspaceKey("Key reuse");
    String one = connector(key, TestConnectors.ping("one"));
    String two = connector(key, TestConnectors.ping("two"));
    triggerWith(key, one, Map.of("Idempotency-Key", "shared"));

    Answer answer = triggerWith(key, two, Map.of("Idempotency-Key", "shared"));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.errorFields()).containsExactly("Idempotency-Key");
    assertThat(rowsOf(two)).isZero();
  }

  @Test
  void the_same_idempotency_key_in_another_workspace_is_independent() {
    String first = api().newWorkspaceKey("Key A");
    String second = api().newWorkspaceKey("Key B");
    Answer a =
        triggerWith(
            first, connector(first, TestConnectors.ping("a")), Map.of("Idempotency-Key", "k"));
    Answer b =
        triggerWith(
            second, connector(second, TestConnectors.ping("b")), Map.of("Idempotency-Key", "k"));

    assertThat(b.status()).isEqualTo(202);
    assertThat(b.json().get("id")).isNotEqualTo(a.json().get("id"));
  }

  @Test
  void input_failing_the_schema_answers_422_naming_the_fields_and_writes_nothing() {
    String key = api().newWorkspaceKey("Schema");
    String connector = connector(key, TestConnectors.enrichContact());

    Answer missing = trigger(key, connector, Map.of("input", Map.of()));
    Answer wrong = trigger(key, connector, Map.of("input", Map.of("email", "not an email")));
    Answer notObject = trigger(key, connector, Map.of("input", List.of(1)));

    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.errorFields()).containsExactly("input.email");
    assertThat(wrong.errorFields()).containsExactly("input.email");
    assertThat(notObject.errorFields()).containsExactly("input");
    assertThat(rowsOf(connector)).isZero();
  }

  @Test
  void a_disabled_connector_answers_409() {
    String key = api().newWorkspaceKey("Disabled");
    String connector = connector(key, TestConnectors.ping("off").put("enabled", false));

    Answer answer = trigger(key, connector, Map.of());

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(rowsOf(connector)).isZero();
  }

  @Test
  void a_connector_disabled_after_a_trigger_answers_409_at_once() {
    String key = api().newWorkspaceKey("Switched off");
    String connector = connector(key, TestConnectors.ping("on"));
    assertThat(trigger(key, connector, Map.of()).status()).isEqualTo(202);

    api()
        .put(
            "/api/v1/connectors/" + connector,
            key,
            TestConnectors.ping("on").put("enabled", false));

    assertThat(trigger(key, connector, Map.of()).status()).isEqualTo(409);
    assertThat(rowsOf(connector)).isEqualTo(1);
  }

  @Test
  void unknown_connectors_and_other_workspaces_answer_404() {
    String owner = api().newWorkspaceKey("Owner");
    String stranger = api().newWorkspaceKey("Stranger");
    String connector = connector(owner, TestConnectors.ping("mine"));
    String execution = trigger(owner, connector, Map.of()).json().get("id").stringValue();

    assertThat(trigger(stranger, connector, Map.of()).status()).isEqualTo(404);
    assertThat(trigger(owner, UUID.randomUUID().toString(), Map.of()).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/executions/" + execution, stranger).status()).isEqualTo(404);
    assertThat(api().post("/api/v1/executions/" + execution + "/cancel", stranger, null).status())
        .isEqualTo(404);
    assertThat(api().get("/api/v1/executions", stranger).json().get("items")).isEmpty();
    assertThat(api().get("/api/v1/executions/" + execution, owner).status()).isEqualTo(200);
  }

  @Test
  void reading_an_execution_gives_an_etag_and_304_when_it_did_not_change() {
    String key = api().newWorkspaceKey("ETag");
    String connector = connector(key, TestConnectors.ping("e"));
    String id = trigger(key, connector, Map.of()).json().get("id").stringValue();

    Answer first = api().get("/api/v1/executions/" + id, key);
    String etag = first.header("ETag");
    Answer notModified =
        api()
            .call(
                HttpMethod.GET,
                "/api/v1/executions/" + id,
                key,
                null,
                Map.of("If-None-Match", etag));
    jdbc.sql("UPDATE connector_executions SET status = 'running', attempt = 1 WHERE id = ?::uuid")
        .param(id)
        .update();
    Answer changed =
        api()
            .call(
                HttpMethod.GET,
                "/api/v1/executions/" + id,
                key,
                null,
                Map.of("If-None-Match", etag));

    assertThat(first.status()).isEqualTo(200);
    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.text()).isEmpty();
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag")).isNotEqualTo(etag);
    assertThat(changed.json().get("status").stringValue()).isEqualTo("running");
  }

  @Test
  void the_list_pages_newest_first_and_filters_by_connector_and_status() {
    String key = api().newWorkspaceKey("List");
    String one = connector(key, TestConnectors.ping("one"));
    String two = connector(key, TestConnectors.ping("two"));
    List<String> ofOne = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ofOne.add(trigger(key, one, Map.of()).json().get("id").stringValue());
      trigger(key, two, Map.of());
    }
    api().post("/api/v1/executions/" + ofOne.get(4) + "/cancel", key, null);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Answer page =
          api()
              .get(
                  "/api/v1/executions?connectorId="
                      + one
                      + "&limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor),
                  key);
      page.json().get("items").forEach(item -> seen.add(item.get("id").stringValue()));
      cursor =
          page.json().get("nextCursor").isNull()
              ? null
              : page.json().get("nextCursor").stringValue();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(ofOne.reversed());
    assertThat(api().get("/api/v1/executions?limit=100", key).json().get("items")).hasSize(10);
    assertThat(
            api()
                .get("/api/v1/executions?status=cancelled", key)
                .json()
                .get("items")
                .valueStream()
                .map(item -> item.get("id").stringValue()))
        .containsExactly(ofOne.get(4));
  }

  @Test
  void the_list_refuses_bad_parameters_naming_them() {
    String key = api().newWorkspaceKey("Bad list");

    assertThat(api().get("/api/v1/executions?status=done", key).errorFields())
        .containsExactly("status");
    assertThat(api().get("/api/v1/executions?limit=101", key).errorFields())
        .containsExactly("limit");
    assertThat(api().get("/api/v1/executions?cursor=%%%", key).status()).isEqualTo(400);
    assertThat(api().get("/api/v1/executions?connectorId=nope", key).errorFields())
        .containsExactly("connectorId");
  }

  @Test
  void cancelling_a_pending_execution_ends_it_at_once_and_a_second_cancel_is_a_conflict() {
    String key = api().newWorkspaceKey("Cancel pending");
    String connector = connector(key, TestConnectors.enrichContact());
    String id =
        trigger(key, connector, Map.of("input", Map.of("email", "a@b.co")))
            .json()
            .get("id")
            .stringValue();

    Answer cancelled = api().post("/api/v1/executions/" + id + "/cancel", key, null);
    Answer again = api().post("/api/v1/executions/" + id + "/cancel", key, null);

    assertThat(cancelled.status()).isEqualTo(202);
    assertThat(cancelled.json().get("status").stringValue()).isEqualTo("cancelled");
    assertThat(cancelled.json().get("finishedAt").isNull()).isFalse();
    assertThat(cancelled.json().get("steps").valueStream().map(s -> s.get("status").stringValue()))
        .containsOnly("skipped");
    assertThat(again.status()).isEqualTo(409);
    assertThat(
            jdbc.sql("SELECT count(*) FROM connector_execution_stats WHERE connector_id = ?::uuid")
                .param(connector)
                .query(Long.class)
                .single())
        .isZero();
    // The status event, written to the outbox by the cancel's own transaction, for the workers
    // to relay; the second cancel changed nothing and wrote none.
    assertThat(
            jdbc.sql(
                    """
                    SELECT o.sequence || ':' || o.status || ':' || (o.workspace_id = e.workspace_id)
                    FROM execution_event_outbox o
                    JOIN connector_executions e ON e.id = o.execution_id
                    WHERE o.execution_id = ?::uuid
                    """)
                .param(id)
                .query(String.class)
                .list())
        .containsExactly("1:cancelled:true");
  }

  @Test
  void cancelling_a_running_execution_asks_its_worker_and_a_finished_one_is_a_conflict() {
    String key = api().newWorkspaceKey("Cancel running");
    String connector = connector(key, TestConnectors.ping("run"));
    String running = trigger(key, connector, Map.of()).json().get("id").stringValue();
    String finished = trigger(key, connector, Map.of()).json().get("id").stringValue();
    jdbc.sql("UPDATE connector_executions SET status = 'running', attempt = 1 WHERE id = ?::uuid")
        .param(running)
        .update();
    jdbc.sql("UPDATE connector_executions SET status = 'success', attempt = 1 WHERE id = ?::uuid")
        .param(finished)
        .update();

    Answer asked = api().post("/api/v1/executions/" + running + "/cancel", key, null);
    Answer conflict = api().post("/api/v1/executions/" + finished + "/cancel", key, null);

    assertThat(asked.status()).isEqualTo(202);
    assertThat(asked.json().get("status").stringValue()).isEqualTo("running");
    assertThat(asked.json().get("cancelRequestedAt").isNull()).isFalse();
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().get("detail").stringValue()).contains("success");
  }

  @Test
  void a_malformed_trigger_body_answers_400_and_writes_nothing() {
    String key = api().newWorkspaceKey("Malformed");
    String connector = connector(key, TestConnectors.ping("m"));

    Answer answer =
        api().post("/api/v1/connectors/" + connector + "/executions", key, "{\"input\": ");
    Answer unknown = trigger(key, connector, Map.of("inputs", Map.of()));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(unknown.errorFields()).containsExactly("inputs");
    assertThat(rowsOf(connector)).isZero();
  }

  private String connector(String key, ObjectNode body) {
    Answer created = api().post("/api/v1/connectors", key, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private Answer trigger(String key, String connector, Object body) {
    return api().post("/api/v1/connectors/" + connector + "/executions", key, body);
  }

  private Answer triggerWith(String key, String connector, Map<String, String> headers) {
    return api()
        .call(
            HttpMethod.POST,
            "/api/v1/connectors/" + connector + "/executions",
            key,
            Map.of(),
            headers);
  }

  private long rowsOf(String connector) {
    return jdbc.sql("SELECT count(*) FROM connector_executions WHERE connector_id = ?::uuid")
        .param(connector)
        .query(Long.class)
        .single();
  }

  private String workspaceOf(String key) {
    return jdbc.sql("SELECT workspace_id::text FROM api_keys WHERE prefix = ?")
        .param(key.substring(0, 12))
        .query(String.class)
        .single();
  }
}
