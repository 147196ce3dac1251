package dev.connectorengine.api.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.StatementRecorder;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** {@code GET /api/v1/executions} with its filters, each served by an index. */
@ApiIntegrationTest
@Import(StatementRecorder.class)
class ExecutionSearchApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  @Autowired StatementRecorder statements;
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void the_list_filters_by_flow_run_id_and_creation_time_newest_first_in_keyset_pages() {
    String key = api().newWorkspaceKey("Search");
    String connector = connector(key);
    String a = trigger(key, connector, "flow-1", T0);
    String b = trigger(key, connector, "flow-1", T0.plusSeconds(60));
    String c = trigger(key, connector, "flow-2", T0.plusSeconds(120));

    Answer flow = api().get("/api/v1/executions?flowRunId=flow-1", key);
    Answer range =
        api()
            .get(
                "/api/v1/executions?createdAfter=2026-03-01T10:00:00Z"
                    + "&createdBefore=2026-03-01T10:02:00Z",
                key);
    Answer since = api().get("/api/v1/executions?createdAfter=2026-03-01T10:00:30Z", key);
    Answer firstPage = api().get("/api/v1/executions?flowRunId=flow-1&limit=1", key);
    Answer secondPage =
        api()
            .get(
                "/api/v1/executions?flowRunId=flow-1&limit=1&cursor="
                    + firstPage.json().get("nextCursor").stringValue(),
                key);

    assertThat(ids(flow)).containsExactly(b, a);
    assertThat(ids(range)).containsExactly(b);
    assertThat(ids(since)).containsExactly(c, b);
    assertThat(ids(firstPage)).containsExactly(b);
    assertThat(ids(secondPage)).containsExactly(a);
    assertThat(secondPage.json().get("nextCursor").isNull()).isTrue();
  }

  @Test
  void malformed_instants_and_an_empty_range_answer_400_naming_the_parameters() {
    String key = api().newWorkspaceKey("Bad search");

    Answer after = api().get("/api/v1/executions?createdAfter=yesterday", key);
    Answer before = api().get("/api/v1/executions?createdBefore=2026-13-01T00:00:00Z", key);
    Answer reversed =
        api()
            .get(
                "/api/v1/executions?createdAfter=2026-03-02T00:00:00Z"
                    + "&createdBefore=2026-03-01T00:00:00Z",
                key);
    Answer retryOf = api().get("/api/v1/executions?retryOf=not-a-uuid", key);

    assertThat(after.status()).isEqualTo(400);
    assertThat(after.contentType()).isEqualTo("application/problem+json");
    assertThat(after.errorFields()).containsExactly("createdAfter");
    assertThat(before.status()).isEqualTo(400);
    assertThat(before.errorFields()).containsExactly("createdBefore");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.errorFields()).containsExactly("createdAfter", "createdBefore");
    assertThat(retryOf.status()).isEqualTo(400);
    assertThat(retryOf.text()).contains("retryOf");
  }

  @Test
  void every_filter_is_served_by_an_index_on_a_table_of_many_rows() {
    String key = api().newWorkspaceKey("Plans");
    String connector = connector(key);
    String other = connector(key);
    UUID workspace = workspaceOf(key);
    UUID replayed = UUID.randomUUID();
    manyRows(workspace, UUID.fromString(connector), UUID.fromString(other), replayed);

    assertThat(plan(key, workspace, "flowRunId=flow-500", Map.of("flowRunId", "flow-500")))
        .contains("connector_executions_flow_run_page_idx")
        .doesNotContain("Seq Scan");
    assertThat(plan(key, workspace, "retryOf=" + replayed, Map.of("retryOf", replayed)))
        .contains("connector_executions_retry_of_page_idx")
        .doesNotContain("Seq Scan");
    assertThat(
            plan(
                key,
                workspace,
                "createdAfter=2026-02-01T00:00:00Z&createdBefore=2026-02-02T00:00:00Z",
                Map.of(
                    "createdAfter", utc("2026-02-01T00:00:00Z"),
                    "createdBefore", utc("2026-02-02T00:00:00Z"))))
        .contains("connector_executions_page_idx")
        .doesNotContain("Seq Scan");
    assertThat(
            plan(
                key,
                workspace,
                "connectorId=" + connector + "&createdAfter=2026-02-01T00:00:00Z",
                Map.of(
                    "connectorId", UUID.fromString(connector),
                    "createdAfter", utc("2026-02-01T00:00:00Z"))))
        .contains("Index")
        .doesNotContain("Seq Scan");
    assertThat(
            plan(
                key,
                workspace,
                "status=failed&createdBefore=2026-02-02T00:00:00Z",
                Map.of("status", "failed", "createdBefore", utc("2026-02-02T00:00:00Z"))))
        .contains("Index")
        .doesNotContain("Seq Scan");
  }

  /** The plan of the page query the list call sent, for these parameters besides the usual. */
  private String plan(String key, UUID workspace, String query, Map<String, Object> params) {
    List<String> sent =
        statements.during(
            () ->
                assertThat(api().get("/api/v1/executions?" + query, key).status()).isEqualTo(200));
    String page =
        sent.stream()
            .filter(s -> s.contains("FROM connector_executions") && s.contains("ORDER BY"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> all = new HashMap<>(params);
    all.put("workspaceId", workspace);
    all.put("limit", 21);
    return String.join("\n", jdbc.sql("EXPLAIN " + page).params(all).query(String.class).list());
  }

  private void manyRows(UUID workspace, UUID connector, UUID other, UUID replayed) {
    jdbc.sql(
            """
            INSERT INTO connector_executions (id, workspace_id, connector_id, connector_version,
                                              status, input_data, timeout_ms, flow_run_id,
                                              retry_of, created_at)
            SELECT gen_random_uuid(), ?, CASE WHEN i % 2 = 0 THEN ? ELSE ? END, 1,
                   (ARRAY['pending', 'running', 'success', 'failed'])[1 + i % 4], '{}', 30000,
                   CASE WHEN i % 100 = 0 THEN 'flow-' || i END,
                   CASE WHEN i % 100 = 1 THEN ? END,
                   timestamptz '2026-03-01 00:00:00+00' - i * interval '1 minute'
              FROM generate_series(1, 30000) AS i
            """)
        .params(workspace, connector, other, replayed)
        .update();
    jdbc.sql("ANALYZE connector_executions").update();
  }

  private static OffsetDateTime utc(String instant) {
    return OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
  }

  private static List<String> ids(Answer page) {
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().get("items").valueStream().map(e -> e.get("id").stringValue()).toList();
  }

  private String trigger(String key, String connector, String flowRunId, Instant createdAt) {
    Answer answer =
        api()
            .post(
                "/api/v1/connectors/" + connector + "/executions",
                key,
                Map.of("flowRunId", flowRunId));
    assertThat(answer.status()).isEqualTo(202);
    String id = answer.json().get("id").stringValue();
    jdbc.sql("UPDATE connector_executions SET created_at = ? WHERE id = ?::uuid")
        .params(OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC), id)
        .update();
    return id;
  }

  private String connector(String key) {
    Answer created = api().post("/api/v1/connectors", key, TestConnectors.ping("search"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private UUID workspaceOf(String key) {
    return jdbc.sql("SELECT workspace_id FROM api_keys WHERE prefix = ?")
        .param(key.substring(0, 12))
        .query(UUID.class)
        .single();
  }
}
