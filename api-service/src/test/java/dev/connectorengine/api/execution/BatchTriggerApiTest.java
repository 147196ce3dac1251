package dev.connectorengine.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.PublishedJobs;
import dev.connectorengine.api.StatementRecorder;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.testsupport.FreshDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@ApiIntegrationTest
@TestPropertySource(properties = "spring.test.mockmvc.print=none")
@Import(StatementRecorder.class)
class BatchTriggerApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static PublishedJobs jobs;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @BeforeAll
  static void consumeJobs(@Autowired EmbeddedKafkaBroker broker) {
    jobs = PublishedJobs.consume(broker, "batch-test");
  }

  @AfterAll
  static void stopConsuming() throws InterruptedException {
    jobs.close();
  }

  @Autowired MockMvc mvc;
  @Autowired StatementRecorder statements;
  // As the tables' owner: the app's own connections see one workspace per transaction.
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void a_batch_writes_every_pending_row_in_one_transaction_and_publishes_their_jobs() {
    String key = api().newWorkspaceKey("Batch");
    String connector = connector(key, TestConnectors.enrichContact());

    Answer answer =
        batch(
            key,
            connector,
            item("ada@example.com", null, "flow-1"),
            item("bob@example.com", "k-2", null),
            item("cy@example.com", null, null));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    List<String> ids = ids(answer);
    assertThat(ids).hasSize(3).doesNotHaveDuplicates();
    assertThat(answer.json().at("/items/0").propertyNames())
        .containsExactlyInAnyOrder("id", "status", "idempotentReplayed");
    assertThat(answer.json().get("items").valueStream().map(i -> i.get("status").stringValue()))
        .containsOnly("pending");
    assertThat(
            answer
                .json()
                .get("items")
                .valueStream()
                .map(i -> i.get("idempotentReplayed").asBoolean()))
        .containsOnly(false);
    List<Map<String, Object>> rows =
        jdbc.sql(
                """
                SELECT id::text, status, input_data->>'email' AS email, flow_run_id,
                       idempotency_key, connector_version, timeout_ms, xmin::text AS tx,
                       jsonb_array_length(steps_executed) AS steps
                  FROM connector_executions WHERE connector_id = ?::uuid
                """)
            .param(connector)
            .query()
            .listOfRows();
    Map<String, Map<String, Object>> byId = new HashMap<>();
    rows.forEach(row -> byId.put((String) row.get("id"), row));
    assertThat(byId).containsOnlyKeys(ids);
    assertThat(byId.get(ids.get(0)))
        .containsEntry("status", "pending")
        .containsEntry("email", "ada@example.com")
        .containsEntry("flow_run_id", "flow-1")
        .containsEntry("connector_version", 1)
        .containsEntry("timeout_ms", 30_000)
        .containsEntry("steps", 3);
    assertThat(byId.get(ids.get(1))).containsEntry("idempotency_key", "k-2");
    assertThat(rows.stream().map(row -> row.get("tx")).distinct()).hasSize(1);
    for (String id : ids) {
      ExecutionJob job = JSON.readValue(jobs.awaitJob(id).value(), ExecutionJob.class);
      assertThat(job.workspaceId()).hasToString(workspaceOf(key));
      assertThat(job.attempt()).isZero();
    }
  }

  @Test
  void the_statements_of_a_batch_do_not_grow_with_its_items() {
    String key = api().newWorkspaceKey("Statements");
    String connector = connector(key, TestConnectors.enrichContact());
    assertThat(batch(key, connector, items(1, "warm-up")).status()).isEqualTo(202);

    List<String> ofTwo = statements.during(() -> batch(key, connector, items(2, "two")));
    List<String> ofTwoHundred = statements.during(() -> batch(key, connector, items(200, "many")));

    assertThat(ofTwoHundred).isEqualTo(ofTwo);
    // One look-up of the keys, one insert of the rows; the rest is the key and the connector.
    assertThat(ofTwoHundred).filteredOn(sql -> sql.contains("connector_executions")).hasSize(2);
    assertThat(rowsOf(connector)).isEqualTo(203);
  }

  @Test
  void an_invalid_item_answers_422_naming_each_index_and_field_and_writes_nothing() {
    String key = api().newWorkspaceKey("Invalid items");
    String connector = connector(key, TestConnectors.enrichContact());

    Answer answer =
        batch(
            key,
            connector,
            item("ada@example.com", "ok", "f"),
            Map.of("input", Map.of()),
            item("not an email", null, null),
            item("cy@example.com", null, "f".repeat(201)),
            item("dee@example.com", " ", null),
            Map.of("input", List.of(1)));
    Answer nullItem = api().post(pathOf(connector), key, "{\"items\": [null]}");
    Answer unknownField =
        api().post(pathOf(connector), key, "{\"items\": [{\"input\": {}, \"callback\": \"x\"}]}");

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.errorFields())
        .containsExactly(
            "items[1].input.email",
            "items[2].input.email",
            "items[3].flowRunId",
            "items[4].idempotencyKey",
            "items[5].input");
    assertThat(nullItem.status()).isEqualTo(422);
    assertThat(nullItem.errorFields()).containsExactly("items[0]");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.errorFields()).containsExactly("items[0].callback");
    assertThat(rowsOf(connector)).isZero();
  }

  @Test
  void a_key_repeated_within_a_batch_answers_422_naming_both_indexes() {
    String key = api().newWorkspaceKey("Repeated key");
    String connector = connector(key, TestConnectors.ping("twice"));

    Answer answer =
        batch(
            key, connector, Map.of("idempotencyKey", "k"), Map.of(), Map.of("idempotencyKey", "k"));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorFields()).containsExactly("items[2].idempotencyKey");
    assertThat(answer.json().at("/errors/0/message").stringValue()).contains("items[0]");
    assertThat(rowsOf(connector)).isZero();
  }

  @Test
  void keys_seen_before_answer_their_executions_in_request_order() {
    String key = api().newWorkspaceKey("Replays");
    String connector = connector(key, TestConnectors.ping("replay"));
    String single =
        api()
            .call(
                HttpMethod.POST,
                "/api/v1/connectors/" + connector + "/executions",
                key,
                Map.of(),
                Map.of("Idempotency-Key", "a"))
            .json()
            .get("id")
            .stringValue();
    String earlier = ids(batch(key, connector, Map.of("idempotencyKey", "b"))).getFirst();
    jdbc.sql("UPDATE connector_executions SET status = 'running', attempt = 1 WHERE id = ?::uuid")
        .param(earlier)
        .update();

    Answer answer =
        batch(
            key,
            connector,
            Map.of("idempotencyKey", "new"),
            Map.of("idempotencyKey", "a"),
            Map.of(),
            Map.of("idempotencyKey", "b"));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    List<String> ids = ids(answer);
    assertThat(ids.get(1)).isEqualTo(single);
    assertThat(ids.get(3)).isEqualTo(earlier);
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(answer.json().get("items").valueStream().map(i -> i.get("status").stringValue()))
        .containsExactly("pending", "pending", "pending", "running");
    assertThat(
            answer
                .json()
                .get("items")
                .valueStream()
                .map(i -> i.get("idempotentReplayed").asBoolean()))
        .containsExactly(false, true, false, true);
    assertThat(rowsOf(connector)).isEqualTo(4);
    jobs.awaitJob(ids.get(0));
    jobs.awaitJob(ids.get(2));
    jobs.awaitExactly(single, 1);
  }

  @Test
  void a_key_used_for_another_connector_fails_the_whole_batch_with_409_and_writes_nothing() {
    String key = api().newWorkspaceKey("Key elsewhere");
    String one = connector(key, TestConnectors.ping("one"));
    String two = connector(key, TestConnectors.ping("two"));
    batch(key, one, Map.of("idempotencyKey", "shared"));

    Answer answer = batch(key, two, Map.of(), Map.of("idempotencyKey", "shared"));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.errorFields()).containsExactly("items[1].idempotencyKey");
    assertThat(rowsOf(two)).isZero();
  }

  @Test
  void batches_sharing_keys_in_opposite_orders_wait_on_each_other_without_deadlock()
      throws Exception {
    String key = api().newWorkspaceKey("Race");
    String connector = connector(key, TestConnectors.ping("race"));
    List<Map<String, ?>> forward =
        List.of(
            Map.of("idempotencyKey", "a"),
            Map.of("idempotencyKey", "m"),
            Map.of("idempotencyKey", "z"));
    Answer there;
    Answer back;
    try (Connection holder = holdKey(key, connector, "m");
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<Answer> one = pool.submit(() -> batch(key, connector, forward));
      Future<Answer> other = pool.submit(() -> batch(key, connector, forward.reversed()));
      // Both batches now wait on "m" (or one on the other), each holding what it wrote so far.
      awaitWaitingOnLocks(2);
      holder.rollback();
      there = one.get(15, TimeUnit.SECONDS);
      back = other.get(15, TimeUnit.SECONDS);
    }

    assertThat(there.status()).as(there.toString()).isEqualTo(202);
    assertThat(back.status()).as(back.toString()).isEqualTo(202);
    assertThat(ids(back).reversed()).isEqualTo(ids(there));
    assertThat(rowsOf(connector)).isEqualTo(3);
  }

  @Test
  void a_key_committed_for_another_connector_while_the_batch_waited_fails_it_with_409()
      throws Exception {
    String key = api().newWorkspaceKey("Late conflict");
    String one = connector(key, TestConnectors.ping("one"));
    String two = connector(key, TestConnectors.ping("two"));
    Answer answer;
    try (Connection holder = holdKey(key, one, "late");
        ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<Answer> batch =
          pool.submit(() -> batch(key, two, Map.of(), Map.of("idempotencyKey", "late")));
      awaitWaitingOnLocks(1);
      holder.commit();
      answer = batch.get(15, TimeUnit.SECONDS);
    }

    assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
    assertThat(answer.errorFields()).containsExactly("items[1].idempotencyKey");
    assertThat(rowsOf(two)).isZero();
  }

  @Test
  void another_workspaces_connector_or_an_unknown_one_answers_404() {
    String owner = api().newWorkspaceKey("Owner");
    String stranger = api().newWorkspaceKey("Stranger");
    String connector = connector(owner, TestConnectors.ping("mine"));

    Answer foreign = batch(stranger, connector, Map.of());
    Answer unknown = batch(owner, UUID.randomUUID().toString(), Map.of());

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.contentType()).isEqualTo("application/problem+json");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(rowsOf(connector)).isZero();
  }

  @Test
  void a_disabled_connector_answers_409_and_writes_nothing() {
    String key = api().newWorkspaceKey("Disabled");
    String connector = connector(key, TestConnectors.ping("off").put("enabled", false));

    Answer answer = batch(key, connector, Map.of(), Map.of());

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(rowsOf(connector)).isZero();
  }

  @Test
  void a_key_without_the_execute_scope_is_refused_403() {
    String root = api().newWorkspaceKey("Scopes");
    String connector = connector(root, TestConnectors.ping("scoped"));
    String reader = api().newKey(root, "reader", "read", "configure").key();

    Answer answer = batch(reader, connector, Map.of());

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().get("requiredScope").stringValue()).isEqualTo("execute");
    assertThat(rowsOf(connector)).isZero();
  }

  @Test
  void a_batch_holds_1_to_1000_items_and_a_refusal_names_the_limit() {
    String key = api().newWorkspaceKey("Sizes");
    String connector = connector(key, TestConnectors.ping("sizes"));

    Answer empty = batch(key, connector);
    Answer missing = api().post(pathOf(connector), key, Map.of());
    Answer over = batch(key, connector, items(1001, null));
    long before = rowsOf(connector);
    Answer full = batch(key, connector, items(1000, null));

    assertThat(empty.status()).isEqualTo(422);
    assertThat(empty.errorFields()).containsExactly("items");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.errorFields()).containsExactly("items");
    assertThat(over.status()).isEqualTo(422);
    assertThat(over.errorFields()).containsExactly("items");
    assertThat(over.json().at("/errors/0/message").stringValue()).isEqualTo("at most 1000 items");
    assertThat(before).isZero();
    assertThat(full.status()).isEqualTo(202);
    assertThat(rowsOf(connector)).isEqualTo(1000);
  }

  @Test
  void a_body_over_1_MB_answers_413() {
    String key = api().newWorkspaceKey("Large");
    String connector = connector(key, TestConnectors.ping("large"));
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      items.add(Map.of("input", Map.of("blob", "b".repeat(2100))));
    }

    Answer answer = api().post(pathOf(connector), key, Map.of("items", items));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(rowsOf(connector)).isZero();
  }

  /** A transaction, left open, that has written an execution with this key. */
  private Connection holdKey(String key, String connector, String idempotencyKey)
      throws SQLException {
    Connection holder = DriverManager.getConnection(DB.jdbcUrl(), DB.username(), DB.password());
    holder.setAutoCommit(false);
    try (PreparedStatement insert =
        holder.prepareStatement(
            """
            INSERT INTO connector_executions (id, workspace_id, connector_id, connector_version,
                                              input_data, timeout_ms, idempotency_key)
            VALUES (gen_random_uuid(), ?::uuid, ?::uuid, 1, '{}', 1000, ?)
            """)) {
      insert.setString(1, workspaceOf(key));
      insert.setString(2, connector);
      insert.setString(3, idempotencyKey);
      insert.executeUpdate();
    }
    return holder;
  }

  private void awaitWaitingOnLocks(int backends) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql(
                        """
                        SELECT count(*) FROM pg_stat_activity
                         WHERE datname = current_database() AND wait_event_type = 'Lock'
                        """)
                    .query(Long.class)
                    .single(),
            n -> n == backends);
  }

  private static Map<String, Object> item(String email, String idempotencyKey, String flowRunId) {
    Map<String, Object> item = new HashMap<>();
    item.put("input", Map.of("email", email));
    if (idempotencyKey != null) {
      item.put("idempotencyKey", idempotencyKey);
    }
    if (flowRunId != null) {
      item.put("flowRunId", flowRunId);
    }
    return item;
  }

  /** {@code n} valid items of the example connector, keyed {@code prefix-i} unless it is null. */
  private static List<Map<String, Object>> items(int n, String prefix) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> item = new HashMap<>();
      item.put("input", Map.of("email", "p" + i + "@example.com"));
      if (prefix != null) {
        item.put("idempotencyKey", prefix + "-" + i);
      }
      items.add(item);
    }
    return items;
  }

  private Answer batch(String key, String connector, List<? extends Map<String, ?>> items) {
    return api().post(pathOf(connector), key, Map.of("items", items));
  }

  @SafeVarargs
  private Answer batch(String key, String connector, Map<String, ?>... items) {
    return api().post(pathOf(connector), key, Map.of("items", List.of(items)));
  }

  private static String pathOf(String connector) {
    return "/api/v1/connectors/" + connector + "/executions/batch";
  }

  private static List<String> ids(Answer answer) {
    return answer.json().get("items").valueStream().map(i -> i.get("id").stringValue()).toList();
  }

  private String connector(String key, ObjectNode body) {
    Answer created = api().post("/api/v1/connectors", key, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
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
