package dev.connectorengine.api.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.api.auth.ApiKeys;
import dev.connectorengine.testsupport.FreshDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/request-logs}: pages, filters, bad parameters and workspace isolation. */
@ApiIntegrationTest
class RequestLogApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  // As the tables' owner: fixtures past row-level security, as the worker writes them.
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  private String key;
  private UUID workspace;
  private UUID execution;
  private UUID connector;

  @BeforeEach
  void setUp() {
    key = api().newWorkspaceKey("Logged " + UUID.randomUUID());
    workspace = workspaceOf(key);
    execution = UUID.randomUUID();
    connector = UUID.randomUUID();
  }

  @Test
  void the_list_is_newest_first_in_keyset_pages_with_the_summaries() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(aRow(workspace, execution, connector, i + 1, 200, T0.plusSeconds(i)));
    }

    Answer first = api().get("/api/v1/request-logs?limit=2", key);
    Answer second =
        api()
            .get(
                "/api/v1/request-logs?limit=2&cursor="
                    + first.json().get("nextCursor").stringValue(),
                key);
    Answer last =
        api()
            .get(
                "/api/v1/request-logs?limit=2&cursor="
                    + second.json().get("nextCursor").stringValue(),
                key);

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(idsOf(first)).containsExactly(ids.get(4), ids.get(3));
    assertThat(idsOf(second)).containsExactly(ids.get(2), ids.get(1));
    assertThat(idsOf(last)).containsExactly(ids.get(0));
    assertThat(last.json().get("nextCursor").isNull()).isTrue();
    JsonNode item = first.json().at("/items/0");
    assertThat(item.get("source").stringValue()).isEqualTo("step");
    assertThat(item.get("executionId").stringValue()).isEqualTo(execution.toString());
    assertThat(item.get("stepId").stringValue()).isEqualTo("person");
    assertThat(item.get("attempt").intValue()).isEqualTo(5);
    assertThat(item.get("retryCount").intValue()).isEqualTo(4);
    assertThat(item.get("url").stringValue()).isEqualTo("https://crm.example.com/people");
    assertThat(item.at("/request/contentType").stringValue()).isEqualTo("application/json");
    assertThat(item.at("/response/body").stringValue()).isEqualTo("{\"ok\":true}");
    assertThat(item.get("integration").isNull()).isTrue();
  }

  @Test
  void the_filters_narrow_the_list() {
    UUID otherExecution = UUID.randomUUID();
    UUID otherConnector = UUID.randomUUID();
    UUID ok = aRow(workspace, execution, connector, 1, 200, T0);
    UUID busy = aRow(workspace, execution, connector, 1, 503, T0.plusSeconds(1));
    UUID missing = aRow(workspace, otherExecution, otherConnector, 1, 404, T0.plusSeconds(2));
    UUID down = aRow(workspace, otherExecution, otherConnector, 2, null, T0.plusSeconds(3));

    assertThat(idsOf(list("executionId=" + execution))).containsExactly(busy, ok);
    assertThat(idsOf(list("connectorId=" + otherConnector))).containsExactly(down, missing);
    assertThat(idsOf(list("status=503"))).containsExactly(busy);
    assertThat(idsOf(list("status=4xx"))).containsExactly(missing);
    assertThat(idsOf(list("status=error"))).containsExactly(down);
    assertThat(idsOf(list("since=2026-03-01T10:00:01Z&until=2026-03-01T10:00:03Z")))
        .containsExactly(missing, busy);
    assertThat(idsOf(list("integration=crm"))).isEmpty();
    assertThat(idsOf(list("action=crm.find-person"))).isEmpty();
  }

  @Test
  void a_malformed_parameter_is_a_400_naming_it() {
    assertThat(api().get("/api/v1/request-logs?status=teapot", key).errorFields())
        .containsExactly("status");
    assertThat(api().get("/api/v1/request-logs?since=yesterday", key).errorFields())
        .containsExactly("since");
    assertThat(api().get("/api/v1/request-logs?until=soon", key).errorFields())
        .containsExactly("until");
    assertThat(api().get("/api/v1/request-logs?executionId=nope", key).errorFields())
        .containsExactly("executionId");
    assertThat(api().get("/api/v1/request-logs?connectorId=nope", key).errorFields())
        .containsExactly("connectorId");
    assertThat(api().get("/api/v1/request-logs?limit=0", key).errorFields())
        .containsExactly("limit");
    assertThat(api().get("/api/v1/request-logs?cursor=zzz", key).errorFields())
        .containsExactly("cursor");
    assertThat(api().get("/api/v1/request-logs?status=700", key).status()).isEqualTo(400);
  }

  @Test
  void another_workspaces_rows_are_never_seen() {
    String otherKey = api().newWorkspaceKey("Other " + UUID.randomUUID());
    UUID mine = aRow(workspace, execution, connector, 1, 200, T0);
    UUID theirs = aRow(workspaceOf(otherKey), execution, connector, 1, 200, T0.plusSeconds(1));

    assertThat(idsOf(api().get("/api/v1/request-logs", key))).containsExactly(mine);
    assertThat(idsOf(list("executionId=" + execution))).containsExactly(mine);
    assertThat(idsOf(api().get("/api/v1/request-logs", otherKey))).containsExactly(theirs);
  }

  private Answer list(String query) {
    Answer answer = api().get("/api/v1/request-logs?" + query, key);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer;
  }

  private static List<UUID> idsOf(Answer answer) {
    List<UUID> ids = new ArrayList<>();
    answer
        .json()
        .get("items")
        .forEach(item -> ids.add(UUID.fromString(item.get("id").stringValue())));
    return ids;
  }

  private UUID aRow(
      UUID workspaceId,
      UUID executionId,
      UUID connectorId,
      int attempt,
      Integer status,
      Instant at) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO request_logs (id, workspace_id, source, execution_id, connector_id,
                                      step_id, attempt, retry_count, method, url, http_status,
                                      latency_ms, error, request_content_type, request_size,
                                      request_body, response_content_type, response_size,
                                      response_body, created_at)
            VALUES (:id, :workspaceId, 'step', :executionId, :connectorId, 'person', :attempt,
                    :attempt - 1, 'POST', 'https://crm.example.com/people', :status, 12,
                    :error, 'application/json', 2, '{}', :responseType, :responseSize,
                    :responseBody, :at)
            """)
        .param("id", id)
        .param("workspaceId", workspaceId)
        .param("executionId", executionId)
        .param("connectorId", connectorId)
        .param("attempt", attempt)
        .param("status", status)
        .param("error", status == null ? "connection failed: refused" : null)
        .param("responseType", status == null ? null : "application/json")
        .param("responseSize", status == null ? null : 11L)
        .param("responseBody", status == null ? null : "{\"ok\":true}")
        .param("at", Timestamp.from(at))
        .update();
    return id;
  }

  private UUID workspaceOf(String apiKey) {
    return jdbc.sql("SELECT workspace_id FROM api_keys WHERE prefix = ?")
        .params(ApiKeys.prefix(apiKey))
        .query(UUID.class)
        .single();
  }

  private ApiClient api() {
    return new ApiClient(mvc);
  }
}
