package dev.connectorengine.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.testsupport.FreshDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code ?wait=} on a trigger or retry: 200 with the finished execution when the run's end event
 * arrives within the wait, else 202; at most {@code max-waiters} (2 here) calls wait at once.
 */
@ApiIntegrationTest
@TestPropertySource(properties = "connector-engine.executions.max-waiters=2")
class WaitApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired ExecutionWaiters waiters;
  @Autowired ExecutionEndListener listener;
  final JdbcClient jdbc = TestDatabase.asOwner(DB);
  // Each waiting call blocks its caller: one thread per call, not the common pool's few.
  final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @BeforeEach
  void eventsAreRead() {
    await().atMost(Duration.ofSeconds(30)).until(listener::reading);
    await().atMost(Duration.ofSeconds(30)).until(() -> waiters.waiting() == 0);
  }

  @Test
  void a_malformed_or_too_long_wait_answers_400_naming_wait_and_writes_nothing() {
    String key = api().newWorkspaceKey("Bad wait");
    String connector = connector(key);

    for (String wait : List.of("abc", "30", "61s", "PT2M", "-1s", "60001ms")) {
      Answer answer = trigger(key, connector, wait);
      assertThat(answer.status()).as(wait + ": " + answer).isEqualTo(400);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(answer.errorFields()).containsExactly("wait");
    }
    assertThat(rowsOf(connector)).isZero();
  }

  @Test
  void a_run_that_ends_within_the_wait_answers_200_with_the_finished_execution() throws Exception {
    String key = api().newWorkspaceKey("Ends");
    String connector = connector(key);

    CompletableFuture<Answer> call =
        CompletableFuture.supplyAsync(() -> trigger(key, connector, "30s"), callers);
    await().atMost(Duration.ofSeconds(10)).until(() -> waiters.waiting() == 1);
    String id = onlyExecutionOf(connector);
    end(id, connector, "running"); // not an end: the call goes on waiting
    end(id, connector, "success");

    Answer answer = call.get(20, TimeUnit.SECONDS);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.header("Location")).isEqualTo("/api/v1/executions/" + id);
    assertThat(answer.json().get("status").stringValue()).isEqualTo("success");
    assertThat(answer.json().at("/output/ok").asBoolean()).isTrue();
    assertThat(waiters.waiting()).isZero();
  }

  @Test
  void a_run_still_going_when_the_wait_is_over_answers_202_as_without_waiting() {
    String key = api().newWorkspaceKey("Still going");
    String connector = connector(key);

    Answer answer = trigger(key, connector, "1500ms");

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.json().get("status").stringValue()).isEqualTo("pending");
    assertThat(waiters.waiting()).isZero();
  }

  @Test
  void a_run_already_finished_answers_200_at_once() {
    String key = api().newWorkspaceKey("Finished");
    String connector = connector(key);
    Map<String, String> headers = Map.of("Idempotency-Key", "done-1");
    String id = triggerWith(key, connector, null, headers).json().get("id").stringValue();
    finish(id, "failed");

    Answer answer = triggerWith(key, connector, "PT30S", headers);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(answer.json().get("status").stringValue()).isEqualTo("failed");
  }

  @Test
  void beyond_the_most_waiting_calls_one_more_is_answered_202_at_once() throws Exception {
    String key = api().newWorkspaceKey("Crowded");
    String first = connector(key);
    String second = connector(key);
    String third = connector(key);
    CompletableFuture<Answer> one =
        CompletableFuture.supplyAsync(() -> trigger(key, first, "30s"), callers);
    CompletableFuture<Answer> two =
        CompletableFuture.supplyAsync(() -> trigger(key, second, "30s"), callers);
    await().atMost(Duration.ofSeconds(10)).until(() -> waiters.waiting() == 2);

    Answer crowded = trigger(key, third, "30s");

    assertThat(crowded.status()).isEqualTo(202);
    assertThat(one).isNotDone();
    assertThat(two).isNotDone();
    end(onlyExecutionOf(first), first, "success");
    end(onlyExecutionOf(second), second, "timeout");
    assertThat(one.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(two.get(20, TimeUnit.SECONDS).json().get("status").stringValue())
        .isEqualTo("timeout");
  }

  @Test
  void a_retry_can_wait_for_its_new_run_to_end() throws Exception {
    String key = api().newWorkspaceKey("Retry waits");
    String connector = connector(key);
    String old = triggerWith(key, connector, null, Map.of()).json().get("id").stringValue();
    finish(old, "failed");

    CompletableFuture<Answer> call =
        CompletableFuture.supplyAsync(
            () -> api().post("/api/v1/executions/" + old + "/retry?wait=30s", key, null), callers);
    await().atMost(Duration.ofSeconds(10)).until(() -> waiters.waiting() == 1);
    String replay =
        jdbc.sql("SELECT id::text FROM connector_executions WHERE retry_of = ?::uuid")
            .param(old)
            .query(String.class)
            .single();
    end(replay, connector, "success");

    Answer answer = call.get(20, TimeUnit.SECONDS);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().get("id").stringValue()).isEqualTo(replay);
    assertThat(answer.json().get("retryOf").stringValue()).isEqualTo(old);
  }

  /** What a worker does at the end of a run: the terminal write, then its status event. */
  private void end(String id, String connector, String status) {
    if (!status.equals("running")) {
      finish(id, status);
    }
    // Fields this reader does not know (eventId, sequence) must not stop it.
    String event =
        """
        {"executionId": "%s", "workspaceId": "%s", "connectorId": "%s", "status": "%s",
         "currentStep": "ping", "at": "2026-03-01T10:00:00Z", "eventId": "%s", "sequence": 7}
        """
            .formatted(id, UUID.randomUUID(), connector, status, UUID.randomUUID());
    kafka.send(Topics.EXECUTION_EVENTS, id, event);
  }

  private void finish(String id, String status) {
    jdbc.sql(
            "UPDATE connector_executions SET status = ?, attempt = 1,"
                + " output_data = '{\"ok\": true}', finished_at = now() WHERE id = ?::uuid")
        .params(status, id)
        .update();
  }

  private String onlyExecutionOf(String connector) {
    return jdbc.sql("SELECT id::text FROM connector_executions WHERE connector_id = ?::uuid")
        .param(connector)
        .query(String.class)
        .single();
  }

  private Answer trigger(String key, String connector, String wait) {
    return triggerWith(key, connector, wait, Map.of());
  }

  private Answer triggerWith(
      String key, String connector, String wait, Map<String, String> headers) {
    String path =
        "/api/v1/connectors/" + connector + "/executions" + (wait == null ? "" : "?wait=" + wait);
    return api().call(HttpMethod.POST, path, key, Map.of(), headers);
  }

  private String connector(String key) {
    Answer created = api().post("/api/v1/connectors", key, TestConnectors.ping("wait"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private long rowsOf(String connector) {
    return jdbc.sql("SELECT count(*) FROM connector_executions WHERE connector_id = ?::uuid")
        .param(connector)
        .query(Long.class)
        .single();
  }
}
