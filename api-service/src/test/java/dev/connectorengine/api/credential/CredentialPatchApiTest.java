package dev.connectorengine.api.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** {@code PATCH /api/v1/credentials/{service}}: a merge of displayName and status, audited. */
@ApiIntegrationTest
class CredentialPatchApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final String CANARY = "sk_live_PATCHCANARY_4e2a11";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  final JdbcClient jdbc = TestDatabase.asOwner(DB);
  private String workspace;

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void sets_and_clears_the_display_name_and_keeps_what_is_not_named() {
    String key = workspaceWithCrm("Named");

    Answer named = patch(key, "crm", Map.of("displayName", "CRM (production)"));
    assertThat(named.status()).as(named.toString()).isEqualTo(200);
    assertThat(named.json().get("displayName").stringValue()).isEqualTo("CRM (production)");
    assertThat(named.text()).doesNotContain(CANARY);

    Answer revoked = patch(key, "crm", Map.of("status", "revoked"));
    assertThat(revoked.json().get("status").stringValue()).isEqualTo("revoked");
    assertThat(revoked.json().get("displayName").stringValue()).isEqualTo("CRM (production)");

    Map<String, Object> clear = new HashMap<>();
    clear.put("displayName", null);
    Answer cleared = patch(key, "crm", clear);
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.json().path("displayName").isNull()).isTrue();
    assertThat(cleared.json().get("status").stringValue()).isEqualTo("revoked");

    Answer read = api().get("/api/v1/credentials/crm", key);
    assertThat(read.json().get("status").stringValue()).isEqualTo("revoked");
    assertThat(read.json().path("displayName").isNull()).isTrue();
  }

  @Test
  void a_revoked_credential_can_be_switched_back_on() {
    String key = workspaceWithCrm("Back on");
    patch(key, "crm", Map.of("status", "revoked"));

    Answer active = patch(key, "crm", Map.of("status", "active"));

    assertThat(active.status()).isEqualTo(200);
    assertThat(active.json().get("status").stringValue()).isEqualTo("active");
    assertThat(stored("status")).isEqualTo("active");
  }

  @Test
  void only_active_and_revoked_may_be_set() {
    String key = workspaceWithCrm("Statuses");
    Map<String, Object> nullStatus = new HashMap<>();
    nullStatus.put("status", null);

    for (Object status : List.of("expired", "needs_reauth", "paused", 3)) {
      assertInvalid(patch(key, "crm", Map.of("status", status)), "status");
    }
    assertInvalid(patch(key, "crm", nullStatus), "status");
    assertThat(stored("status")).isEqualTo("active");
  }

  @Test
  void an_empty_patch_or_a_long_name_is_422_and_changes_nothing() {
    String key = workspaceWithCrm("Invalid");

    assertThat(patch(key, "crm", Map.of()).status()).isEqualTo(422);
    assertInvalid(patch(key, "crm", Map.of("displayName", "x".repeat(201))), "displayName");
    Answer both = patch(key, "crm", Map.of("displayName", "  ", "status", "revoked"));
    assertInvalid(both, "displayName");
    assertThat(stored("status")).isEqualTo("active");
    assertThat(stored("display_name")).isNull();
  }

  @Test
  void an_unknown_field_is_400() {
    String key = workspaceWithCrm("Unknown");

    Answer answer = patch(key, "crm", Map.of("values", Map.of("apiKey", "other")));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text()).contains("values");
  }

  @Test
  void an_unknown_service_is_404() {
    String key = workspaceWithCrm("Missing");

    assertThat(patch(key, "billing", Map.of("status", "revoked")).status()).isEqualTo(404);
  }

  @Test
  void another_workspaces_credential_is_404_and_unchanged() {
    workspaceWithCrm("Owner");
    String intruder = api().newWorkspaceKey("Intruder");

    Answer answer = patch(intruder, "crm", Map.of("status", "revoked", "displayName", "mine"));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(stored("status")).isEqualTo("active");
    assertThat(stored("display_name")).isNull();
  }

  @Test
  void a_change_is_audited_without_a_value() {
    String key = workspaceWithCrm("Audited");

    patch(key, "crm", Map.of("displayName", "CRM", "status", "revoked"));

    Map<String, Object> row =
        jdbc.sql(
                "SELECT a.resource_id, a.details::text AS details FROM audit_log a"
                    + " JOIN workspaces w ON w.id = a.workspace_id"
                    + " WHERE a.action = 'credential.updated' AND w.name = 'Audited'")
            .query()
            .singleRow();
    assertThat(row.get("resource_id")).isEqualTo("crm");
    assertThat((String) row.get("details"))
        .contains("\"status\": \"revoked\"", "\"displayName\": \"CRM\"")
        .doesNotContain(CANARY);
  }

  @Test
  void patch_needs_the_configure_scope() {
    String key = workspaceWithCrm("Scoped");
    String reader = api().newKey(key, "reader", "read").key();

    assertThat(patch(reader, "crm", Map.of("status", "revoked")).status()).isEqualTo(403);
    assertThat(api().get("/api/v1/credentials", reader).status()).isEqualTo(200);
  }

  private String workspaceWithCrm(String name) {
    workspace = name;
    String key = api().newWorkspaceKey(name);
    Answer put =
        api()
            .put(
                "/api/v1/credentials/crm",
                key,
                Map.of("type", "api_key", "values", Map.of("apiKey", CANARY)));
    assertThat(put.status()).isEqualTo(201);
    return key;
  }

  private Answer patch(String key, String service, Map<String, ?> body) {
    return api().call(HttpMethod.PATCH, "/api/v1/credentials/" + service, key, body, Map.of());
  }

  private Object stored(String column) {
    List<Object> values =
        jdbc.sql(
                "SELECT c."
                    + column
                    + " FROM workspace_api_credentials c JOIN workspaces w ON w.id = c.workspace_id"
                    + " WHERE w.name = ?")
            .param(workspace)
            .query((rs, row) -> rs.getObject(1))
            .list();
    assertThat(values).hasSize(1);
    return values.getFirst();
  }

  private static void assertInvalid(Answer answer, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    assertThat(answer.errorFields()).contains(field);
  }
}
