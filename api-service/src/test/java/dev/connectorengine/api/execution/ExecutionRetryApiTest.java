package dev.connectorengine.api.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.PublishedJobs;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.testsupport.FreshDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /api/v1/executions/{id}/retry}: replays of finished runs. */
@ApiIntegrationTest
class ExecutionRetryApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  static PublishedJobs jobs;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @BeforeAll
  static void consumeJobs(@Autowired EmbeddedKafkaBroker broker) {
    jobs = PublishedJobs.consume(broker, "retry-test");
  }

  @AfterAll
  static void stopConsuming() throws InterruptedException {
    jobs.close();
  }

  @Autowired MockMvc mvc;
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void
      a_retry_of_a_finished_run_is_a_new_pending_execution_with_its_input_published_like_a_trigger() {
    String key = api().newWorkspaceKey("Retry");
    String connector = connector(key, TestConnectors.enrichContact());
    String old =
        trigger(
            key,
            connector,
            Map.of(
                "input", Map.of("email", "ada@example.com"),
                "flowRunId", "flow-7",
                "callbackUrl", "https://flows.example.com/done"));
    finish(old, "failed", ranThrough(1));

    Answer answer = api().post("/api/v1/executions/" + old + "/retry", key, null);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    JsonNode replay = answer.json();
    String id = replay.get("id").stringValue();
    assertThat(id).isNotEqualTo(old);
    assertThat(answer.header("Location")).isEqualTo("/api/v1/executions/" + id);
    assertThat(replay.get("status").stringValue()).isEqualTo("pending");
    assertThat(replay.get("retryOf").stringValue()).isEqualTo(old);
    assertThat(replay.get("flowRunId").stringValue()).isEqualTo("flow-7");
    assertThat(replay.at("/input/email").stringValue()).isEqualTo("ada@example.com");
    assertThat(replay.get("steps").valueStream().map(s -> s.get("status").stringValue()))
        .containsExactly("pending", "pending", "pending");
    assertThat(
            jdbc.sql("SELECT callback_url FROM connector_executions WHERE id = ?::uuid")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo("https://flows.example.com/done");
    assertThat(api().get("/api/v1/executions/" + id, key).json().get("retryOf").stringValue())
        .isEqualTo(old);
    jobs.awaitJob(id);
  }

  @Test
  void from_the_failed_step_the_succeeded_steps_are_reused_and_say_so() {
    String key = api().newWorkspaceKey("Failed step");
    String connector = connector(key, TestConnectors.enrichContact());
    String old = trigger(key, connector, Map.of("input", Map.of("email", "ada@example.com")));
    finish(old, "failed", ranThrough(1));

    Answer answer = retry(key, old, Map.of("from", "failed-step"));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    JsonNode steps = answer.json().get("steps");
    assertThat(steps.valueStream().map(s -> s.get("status").stringValue()))
        .containsExactly("success", "pending", "pending");
    assertThat(steps.get(0).get("reused").asBoolean()).isTrue();
    assertThat(steps.get(0).at("/output/id").stringValue()).isEqualTo("p-1");
    assertThat(steps.get(1).has("reused")).isFalse();
  }

  @Test
  void from_the_failed_step_of_a_run_that_did_not_fail_anywhere_is_a_conflict() {
    String key = api().newWorkspaceKey("All succeeded");
    String connector = connector(key, TestConnectors.enrichContact());
    String old = trigger(key, connector, Map.of("input", Map.of("email", "ada@example.com")));
    finish(old, "success", ranThrough(3));

    Answer answer = retry(key, old, Map.of("from", "failed-step"));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.errorFields()).containsExactly("from");
  }

  @Test
  void version_same_runs_the_version_the_run_ran_and_current_the_connectors_current_one() {
    String key = api().newWorkspaceKey("Versions");
    String connector = connector(key, TestConnectors.ping("v1"));
    String old = trigger(key, connector, Map.of());
    finish(old, "failed", List.of(failedStep("ping")));
    api().put("/api/v1/connectors/" + connector, key, TestConnectors.ping("v2"));

    Answer same = api().post("/api/v1/executions/" + old + "/retry", key, Map.of());
    Answer current = retry(key, old, Map.of("version", "current"));

    assertThat(same.json().get("connectorVersion").asInt()).isEqualTo(1);
    assertThat(current.json().get("connectorVersion").asInt()).isEqualTo(2);
  }

  @Test
  void from_the_failed_step_on_the_current_version_reuses_steps_only_while_they_are_unchanged() {
    String key = api().newWorkspaceKey("Changed steps");
    String connector = connector(key, TestConnectors.enrichContact());
    String old = trigger(key, connector, Map.of("input", Map.of("email", "ada@example.com")));
    finish(old, "failed", ranThrough(1));
    ObjectNode laterStepChanged = TestConnectors.enrichContact();
    ((ObjectNode) laterStepChanged.get("steps").get(2).get("request"))
        .put("url", "https://api.example.com/v2/contacts/{{ steps.person.output.id }}");
    api().put("/api/v1/connectors/" + connector, key, laterStepChanged);

    Answer reused = retry(key, old, Map.of("from", "failed-step", "version", "current"));

    ObjectNode firstStepChanged = TestConnectors.enrichContact();
    ((ObjectNode) firstStepChanged.get("steps").get(0).get("request"))
        .put("url", "https://api.example.com/v2/people");
    api().put("/api/v1/connectors/" + connector, key, firstStepChanged);
    Answer refused = retry(key, old, Map.of("from", "failed-step", "version", "current"));

    assertThat(reused.status()).as(reused.toString()).isEqualTo(202);
    assertThat(reused.json().get("connectorVersion").asInt()).isEqualTo(2);
    assertThat(reused.json().at("/steps/0/reused").asBoolean()).isTrue();
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("detail").stringValue()).contains("step 'person'");
  }

  @Test
  void a_run_that_has_not_ended_cannot_be_retried() {
    String key = api().newWorkspaceKey("Not ended");
    String connector = connector(key, TestConnectors.ping("p"));
    String pending = trigger(key, connector, Map.of());

    Answer answer = api().post("/api/v1/executions/" + pending + "/retry", key, null);

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("detail").stringValue()).contains("pending");
  }

  @Test
  void another_workspaces_run_answers_404_and_unknown_choices_422_naming_them() {
    String owner = api().newWorkspaceKey("Owner");
    String stranger = api().newWorkspaceKey("Stranger");
    String connector = connector(owner, TestConnectors.ping("p"));
    String old = trigger(owner, connector, Map.of());
    finish(old, "failed", List.of(failedStep("ping")));

    Answer foreign = api().post("/api/v1/executions/" + old + "/retry", stranger, null);
    Answer unknown = retry(owner, old, Map.of("from", "middle", "version", "latest"));

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.errorFields()).containsExactlyInAnyOrder("from", "version");
  }

  @Test
  void a_retry_needs_the_execute_scope() {
    String key = api().newWorkspaceKey("Scopes");
    String reader = api().newKey(key, "reader", "read").key();
    String connector = connector(key, TestConnectors.ping("p"));
    String old = trigger(key, connector, Map.of());
    finish(old, "failed", List.of(failedStep("ping")));

    assertThat(api().post("/api/v1/executions/" + old + "/retry", reader, null).status())
        .isEqualTo(403);
  }

  @Test
  void the_list_filters_by_the_execution_replayed() {
    String key = api().newWorkspaceKey("Replays");
    String connector = connector(key, TestConnectors.ping("p"));
    String old = trigger(key, connector, Map.of());
    String other = trigger(key, connector, Map.of());
    finish(old, "failed", List.of(failedStep("ping")));
    finish(other, "failed", List.of(failedStep("ping")));
    String first = retry(key, old, Map.of()).json().get("id").stringValue();
    String second = retry(key, old, Map.of()).json().get("id").stringValue();
    retry(key, other, Map.of());

    Answer page = api().get("/api/v1/executions?retryOf=" + old, key);

    assertThat(page.json().get("items").valueStream().map(e -> e.get("id").stringValue()))
        .containsExactly(second, first);
  }

  private Answer retry(String key, String id, Map<String, String> body) {
    return api().post("/api/v1/executions/" + id + "/retry", key, body);
  }

  /** The steps of enrichContact with the first {@code succeeded} successful, the next failed. */
  private static List<StepRecord> ranThrough(int succeeded) {
    List<String> ids = List.of("person", "company", "update");
    return java.util.stream.IntStream.range(0, 3)
        .mapToObj(
            i ->
                i < succeeded
                    ? StepRecord.pending(ids.get(i), ids.get(i))
                        .running(AT)
                        .succeeded(1, 200, 5, JSON.readTree("{\"id\": \"p-1\"}"), AT)
                    : i == succeeded
                        ? failedStep(ids.get(i))
                        : StepRecord.pending(ids.get(i), ids.get(i)).skipped("not run"))
        .toList();
  }

  private static StepRecord failedStep(String id) {
    return StepRecord.pending(id, id).running(AT).failed(1, 503, 5, "answered 503", AT);
  }

  private void finish(String id, String status, List<StepRecord> steps) {
    jdbc.sql(
            "UPDATE connector_executions SET status = ?, attempt = 1, steps_executed = ?::jsonb,"
                + " finished_at = now() WHERE id = ?::uuid")
        .params(status, ExecutionJson.writeSteps(steps), id)
        .update();
  }

  private String connector(String key, ObjectNode body) {
    Answer created = api().post("/api/v1/connectors", key, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private String trigger(String key, String connector, Object body) {
    Answer answer = api().post("/api/v1/connectors/" + connector + "/executions", key, body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    return answer.json().get("id").stringValue();
  }
}
