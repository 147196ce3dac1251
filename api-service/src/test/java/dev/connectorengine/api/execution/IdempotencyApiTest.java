package dev.connectorengine.api.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
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

/**
 * Idempotency keys compare the request (Stripe's rule) and expire after {@code
 * connector-engine.executions.idempotency-key-ttl} (24 h here), single and batch alike.
 */
@ApiIntegrationTest
class IdempotencyApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void the_same_key_with_another_body_is_a_conflict_naming_the_key_and_writes_nothing() {
    String key = api().newWorkspaceKey("Other body");
    String connector = connector(key);
    trigger(key, connector, "order-1", "{\"input\": {\"n\": 1}, \"flowRunId\": \"f-1\"}");

    Answer otherInput =
        trigger(key, connector, "order-1", "{\"input\": {\"n\": 2}, \"flowRunId\": \"f-1\"}");
    Answer otherFlowRun =
        trigger(key, connector, "order-1", "{\"input\": {\"n\": 1}, \"flowRunId\": \"f-2\"}");
    Answer otherCallback =
        trigger(
            key,
            connector,
            "order-1",
            "{\"input\": {\"n\": 1}, \"flowRunId\": \"f-1\","
                + " \"callbackUrl\": \"https://flows.example.com/cb\"}");

    for (Answer answer : List.of(otherInput, otherFlowRun, otherCallback)) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(answer.errorFields()).containsExactly("Idempotency-Key");
      assertThat(answer.json().get("detail").stringValue()).contains("order-1");
    }
    assertThat(rowsOf(connector)).isEqualTo(1);
  }

  @Test
  void the_same_key_with_the_same_body_in_another_member_order_answers_the_first_execution() {
    String key = api().newWorkspaceKey("Same body");
    String connector = connector(key);
    Answer first =
        trigger(key, connector, "order-2", "{\"input\": {\"a\": 1, \"b\": {\"x\": 1, \"y\": 2}}}");

    Answer again =
        trigger(key, connector, "order-2", "{\"input\": {\"b\": {\"y\": 2, \"x\": 1}, \"a\": 1}}");

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
  }

  @Test
  void an_expired_key_makes_a_new_execution_and_its_old_holder_lets_go_of_it() {
    String key = api().newWorkspaceKey("Expired");
    String connector = connector(key);
    String old =
        trigger(key, connector, "order-3", "{\"input\": {\"n\": 1}}")
            .json()
            .get("id")
            .stringValue();
    age(old);

    Answer reused = trigger(key, connector, "order-3", "{\"input\": {\"n\": 2}}");
    Answer again = trigger(key, connector, "order-3", "{\"input\": {\"n\": 2}}");

    assertThat(reused.status()).isEqualTo(202);
    assertThat(reused.header("Idempotent-Replayed")).isNull();
    String id = reused.json().get("id").stringValue();
    assertThat(id).isNotEqualTo(old);
    assertThat(again.json().get("id").stringValue()).isEqualTo(id);
    assertThat(keyOf(old)).isNull();
    assertThat(keyOf(id)).isEqualTo("order-3");
  }

  @Test
  void concurrent_reuses_of_an_expired_key_make_one_new_execution() throws Exception {
    String key = api().newWorkspaceKey("Expired race");
    String connector = connector(key);
    String old = trigger(key, connector, "order-4", "{}").json().get("id").stringValue();
    age(old);
    List<Callable<Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> trigger(key, connector, "order-4", "{}"));
    }

    Set<String> ids = new HashSet<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Answer> answer : pool.invokeAll(calls)) {
        assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(202);
        ids.add(answer.get().json().get("id").stringValue());
      }
    }

    assertThat(ids).hasSize(1).doesNotContain(old);
    assertThat(rowsOf(connector)).isEqualTo(2);
  }

  @Test
  void a_batch_item_whose_key_came_with_another_body_refuses_the_batch_naming_the_item() {
    String key = api().newWorkspaceKey("Batch body");
    String connector = connector(key);
    String single =
        trigger(key, connector, "b-1", "{\"input\": {\"n\": 1}}").json().get("id").stringValue();

    Answer same =
        batch(key, connector, List.of(Map.of("idempotencyKey", "b-1", "input", Map.of("n", 1))));
    Answer other =
        batch(
            key,
            connector,
            List.of(
                Map.of("idempotencyKey", "b-2", "input", Map.of("n", 1)),
                Map.of("idempotencyKey", "b-1", "input", Map.of("n", 2))));

    assertThat(same.status()).as(same.toString()).isEqualTo(202);
    assertThat(same.json().at("/items/0/id").stringValue()).isEqualTo(single);
    assertThat(other.status()).as(other.toString()).isEqualTo(409);
    assertThat(other.errorFields()).containsExactly("items[1].idempotencyKey");
    assertThat(rowsOf(connector)).isEqualTo(1);
  }

  @Test
  void a_batch_item_with_an_expired_key_makes_a_new_execution() {
    String key = api().newWorkspaceKey("Batch expired");
    String connector = connector(key);
    Answer first =
        batch(key, connector, List.of(Map.of("idempotencyKey", "b-3", "input", Map.of("n", 1))));
    String old = first.json().at("/items/0/id").stringValue();
    age(old);

    Answer again =
        batch(key, connector, List.of(Map.of("idempotencyKey", "b-3", "input", Map.of("n", 9))));

    assertThat(again.status()).as(again.toString()).isEqualTo(202);
    assertThat(again.json().at("/items/0/id").stringValue()).isNotEqualTo(old);
    assertThat(again.json().at("/items/0/idempotentReplayed").asBoolean()).isFalse();
    assertThat(keyOf(old)).isNull();
    assertThat(rowsOf(connector)).isEqualTo(2);
  }

  private void age(String execution) {
    jdbc.sql(
            "UPDATE connector_executions SET created_at = created_at - interval '25 hours'"
                + " WHERE id = ?::uuid")
        .param(execution)
        .update();
  }

  private String keyOf(String execution) {
    return jdbc.sql("SELECT idempotency_key FROM connector_executions WHERE id = ?::uuid")
        .param(execution)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private String connector(String key) {
    Answer created = api().post("/api/v1/connectors", key, TestConnectors.ping("idem"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private Answer trigger(String key, String connector, String idempotencyKey, String body) {
    return api()
        .call(
            HttpMethod.POST,
            "/api/v1/connectors/" + connector + "/executions",
            key,
            body,
            Map.of("Idempotency-Key", idempotencyKey));
  }

  private Answer batch(String key, String connector, List<Map<String, Object>> items) {
    return api()
        .post("/api/v1/connectors/" + connector + "/executions/batch", key, Map.of("items", items));
  }

  private long rowsOf(String connector) {
    return jdbc.sql("SELECT count(*) FROM connector_executions WHERE connector_id = ?::uuid")
        .param(connector)
        .query(Long.class)
        .single();
  }
}
