package dev.connectorengine.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@ApiIntegrationTest
class WorkspaceAndAuthApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  // As the tables' owner: the app's own connections see one workspace per transaction.
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void admin_creates_a_workspace_with_a_first_key_of_every_scope() {
    Answer answer =
        api()
            .post(
                "/api/v1/admin/workspaces", ApiIntegrationTest.ADMIN_TOKEN, "{\"name\": \"Acme\"}");

    assertThat(answer.status()).isEqualTo(201);
    String key = answer.json().get("apiKey").stringValue();
    assertThat(key).matches("ce_[A-Za-z0-9_-]{40}");
    assertThat(answer.json().get("name").stringValue()).isEqualTo("Acme");
    Map<String, Object> row =
        jdbc.sql(
                "SELECT prefix, array_to_string(scopes, ',') AS scopes, key_hash FROM api_keys"
                    + " WHERE workspace_id = ?::uuid")
            .param(answer.json().get("id").stringValue())
            .query()
            .singleRow();
    assertThat(row.get("prefix")).isEqualTo(key.substring(0, 12));
    assertThat(row.get("scopes")).isEqualTo("configure,execute,read");
    assertThat((byte[]) row.get("key_hash")).isEqualTo(ApiKeys.hash(key));
  }

  @Test
  void admin_call_refuses_a_missing_or_wrong_token() {
    Answer missing = api().post("/api/v1/admin/workspaces", null, "{\"name\": \"x\"}");
    Answer wrong = api().post("/api/v1/admin/workspaces", "not-the-token", "{\"name\": \"x\"}");

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.contentType()).isEqualTo("application/problem+json");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(
            jdbc.sql("SELECT count(*) FROM workspaces WHERE name = 'x'").query(Long.class).single())
        .isZero();
  }

  @Test
  void admin_call_requires_a_name() {
    Answer answer = api().post("/api/v1/admin/workspaces", ApiIntegrationTest.ADMIN_TOKEN, "{}");

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorFields()).containsExactly("name");
  }

  @Test
  void api_calls_without_a_key_answer_401_problem() {
    Answer answer = api().get("/api/v1/connectors", null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(answer.json().get("status").asInt()).isEqualTo(401);
  }

  @Test
  void api_calls_with_an_unknown_or_malformed_key_answer_401() {
    assertThat(api().get("/api/v1/connectors", "ce_" + "x".repeat(40)).status()).isEqualTo(401);
    Answer basic =
        api()
            .call(
                HttpMethod.GET,
                "/api/v1/connectors",
                null,
                null,
                Map.of("Authorization", "Basic dXNlcjpwYXNz"));
    assertThat(basic.status()).isEqualTo(401);
  }

  @Test
  void a_revoked_key_is_refused() {
    String key = api().newWorkspaceKey("Revoked Inc");
    assertThat(api().get("/api/v1/connectors", key).status()).isEqualTo(200);

    jdbc.sql("UPDATE api_keys SET revoked_at = now() WHERE key_hash = ?")
        .param(ApiKeys.hash(key))
        .update();

    assertThat(api().get("/api/v1/connectors", key).status()).isEqualTo(401);
  }

  @Test
  void using_a_key_records_its_last_use() {
    String key = api().newWorkspaceKey("Used Inc");

    api().get("/api/v1/connectors", key);

    assertThat(
            jdbc.sql("SELECT last_used_at IS NOT NULL FROM api_keys WHERE key_hash = ?")
                .param(ApiKeys.hash(key))
                .query(Boolean.class)
                .single())
        .isTrue();
  }
}
