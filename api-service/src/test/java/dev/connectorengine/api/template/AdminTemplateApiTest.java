package dev.connectorengine.api.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** Admin users (developer, admin, owner) and the official templates only admins write. */
@ApiIntegrationTest
class AdminTemplateApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final String TOKEN = ApiIntegrationTest.ADMIN_TOKEN;
  static final String SLACK_TEMPLATE = "6f1c2a0e-0000-4000-8000-000000000003";

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
  void owners_manage_admin_users_whose_keys_are_shown_once_and_stored_as_hashes() {
    Answer created =
        api()
            .post(
                "/api/v1/admin/users",
                TOKEN,
                Map.of("email", "Grace@Example.com", "name", "Grace", "role", "owner"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).contains("no-store");
    String graceKey = created.json().get("apiKey").stringValue();
    assertThat(graceKey).matches("cea_[A-Za-z0-9_-]{40}");
    String graceId = created.json().at("/user/id").stringValue();
    assertThat(created.json().at("/user/email").stringValue()).isEqualTo("grace@example.com");
    assertThat(
            owner
                .sql("SELECT count(*) FROM saas_admin_users WHERE api_key_prefix = ?")
                .param(graceKey.substring(0, 12))
                .query(Long.class)
                .single())
        .isOne();

    // Grace, an owner by her own key, adds a developer and promotes them.
    String devId = newAdmin(graceKey, "dev@example.com", "developer").id();
    Answer promoted =
        api()
            .call(
                HttpMethod.PATCH,
                "/api/v1/admin/users/" + devId,
                graceKey,
                Map.of("role", "admin"),
                Map.of());
    assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
    assertThat(promoted.json().get("role").stringValue()).isEqualTo("admin");
    Answer listed = api().get("/api/v1/admin/users", graceKey);
    assertThat(listed.json().findValuesAsString("email"))
        .contains("grace@example.com", "dev@example.com");
    assertThat(listed.text()).doesNotContain(graceKey);
    assertThat(api().delete("/api/v1/admin/users/" + devId, graceKey).status()).isEqualTo(204);
    assertThat(api().delete("/api/v1/admin/users/" + devId, graceKey).status()).isEqualTo(404);
    assertThat(graceId).isNotBlank();
  }

  @Test
  void admin_users_are_refused_what_their_role_does_not_include() {
    String developer = newAdmin(TOKEN, "reader@example.com", "developer").key();
    String admin = newAdmin(TOKEN, "admin@example.com", "admin").key();

    assertThat(api().get("/api/v1/admin/users", developer).status()).isEqualTo(200);
    assertThat(api().get("/api/v1/admin/templates", developer).status()).isEqualTo(200);
    Answer devCreates = api().post("/api/v1/admin/templates", developer, official("Dev's"));
    assertThat(devCreates.status()).isEqualTo(403);
    assertThat(devCreates.json().get("requiredRole").stringValue()).isEqualTo("admin");
    Answer adminAddsUser =
        api()
            .post(
                "/api/v1/admin/users",
                admin,
                Map.of("email", "x@example.com", "name", "X", "role", "owner"));
    assertThat(adminAddsUser.status()).isEqualTo(403);
    assertThat(adminAddsUser.json().get("requiredRole").stringValue()).isEqualTo("owner");
    assertThat(api().post("/api/v1/admin/workspaces", admin, Map.of("name", "By admin")).status())
        .isEqualTo(201);
    assertThat(api().get("/api/v1/admin/users", "cea_not-a-real-key").status()).isEqualTo(401);
    // A workspace's API key is no admin key.
    String workspaceKey = api().newWorkspaceKey("Not an admin");
    assertThat(api().get("/api/v1/admin/users", workspaceKey).status()).isEqualTo(401);
  }

  @Test
  void admin_user_input_is_checked_duplicate_email_409_bad_role_422_unknown_field_400() {
    newAdmin(TOKEN, "twice@example.com", "admin");

    Answer duplicate =
        api()
            .post(
                "/api/v1/admin/users",
                TOKEN,
                Map.of("email", "TWICE@example.com", "name", "Again", "role", "admin"));
    Answer badRole =
        api()
            .post(
                "/api/v1/admin/users",
                TOKEN,
                Map.of("email", "r@example.com", "name", "R", "role", "root"));
    Answer unknown =
        api()
            .post(
                "/api/v1/admin/users",
                TOKEN,
                Map.of("email", "u@example.com", "name", "U", "role", "admin", "team", "ops"));

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(badRole.status()).isEqualTo(422);
    assertThat(badRole.errorFields()).containsExactly("role");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorFields()).containsExactly("team");
  }

  @Test
  void admins_create_change_and_remove_official_templates_that_workspaces_cannot_touch() {
    NewAdmin admin = newAdmin(TOKEN, "curator@example.com", "admin");

    Answer created = api().post("/api/v1/admin/templates", admin.key(), official("Ping service"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode template = created.json();
    String id = template.get("id").stringValue();
    assertThat(template.get("isOfficial").booleanValue()).isTrue();
    assertThat(template.get("publishedBy").stringValue()).isEqualTo(admin.id());
    assertThat(template.get("requiredCredentials").toString()).isEqualTo("[\"pinger\"]");

    String workspace = api().newWorkspaceKey("Curious");
    assertThat(api().get("/api/v1/templates/" + id, workspace).status()).isEqualTo(200);
    Answer workspacePatch =
        api()
            .call(
                HttpMethod.PATCH,
                "/api/v1/templates/" + id,
                workspace,
                Map.of("name", "Hijacked"),
                Map.of());
    assertThat(workspacePatch.status()).isEqualTo(403);

    Answer featured =
        api()
            .call(
                HttpMethod.PATCH,
                "/api/v1/admin/templates/" + id,
                admin.key(),
                Map.of("isFeatured", true),
                Map.of());
    assertThat(featured.status()).as(featured.toString()).isEqualTo(200);
    assertThat(featured.json().get("isFeatured").booleanValue()).isTrue();
    Map<String, Object> replacement = new java.util.HashMap<>(official("Ping service v2"));
    replacement.put("timeoutMs", 5000);
    Answer replaced = api().put("/api/v1/admin/templates/" + id, admin.key(), replacement);
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.json().get("timeoutMs").intValue()).isEqualTo(5000);
    assertThat(replaced.json().get("isFeatured").booleanValue()).isFalse();

    assertThat(api().post("/api/v1/admin/templates", TOKEN, official("ping SERVICE v2")).status())
        .isEqualTo(409);
    assertThat(api().delete("/api/v1/admin/templates/" + id, admin.key()).status()).isEqualTo(204);
    assertThat(api().get("/api/v1/templates/" + id, workspace).status()).isEqualTo(404);
  }

  @Test
  void an_official_template_with_an_invalid_spec_answers_422_naming_the_fields() {
    Map<String, Object> body = new java.util.HashMap<>(official("Broken"));
    body.put(
        "steps",
        List.of(
            Map.of(
                "id", "a", "name", "A", "request", Map.of("method", "GET", "url", "ftp://x/y"))));

    Answer refused = api().post("/api/v1/admin/templates", TOKEN, body);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.errorFields()).containsExactly("steps[0].request.url");
  }

  @Test
  void admins_cannot_change_a_community_template_through_the_official_calls() {
    String key = api().newWorkspaceKey("Community");
    Answer connector =
        api()
            .post(
                "/api/v1/connectors",
                key,
                Map.of("name", "Community source", "steps", official("x").get("steps")));
    assertThat(connector.status()).as(connector.toString()).isEqualTo(201);
    String community =
        api()
            .post(
                "/api/v1/templates",
                key,
                Map.of(
                    "connectorId",
                    connector.json().get("id").stringValue(),
                    "isPublic",
                    false,
                    "name",
                    "Community private"))
            .json()
            .get("id")
            .stringValue();

    Answer patched =
        api()
            .call(
                HttpMethod.PATCH,
                "/api/v1/admin/templates/" + community,
                TOKEN,
                Map.of("name", "Taken over"),
                Map.of());

    assertThat(patched.status()).isEqualTo(404);
    assertThat(api().delete("/api/v1/admin/templates/" + SLACK_TEMPLATE, TOKEN).status())
        .isEqualTo(204);
    // Developers may read every template, a workspace's private ones included.
    String developer = newAdmin(TOKEN, "auditor@example.com", "developer").key();
    Answer all = api().get("/api/v1/admin/templates?official=false", developer);
    assertThat(all.json().get("items").findValuesAsString("name")).contains("Community private");
  }

  private Map<String, Object> official(String name) {
    return Map.of(
        "name",
        name,
        "category",
        "monitoring",
        "tags",
        List.of("ping"),
        "steps",
        List.of(
            Map.of(
                "id",
                "ping",
                "name",
                "Ping",
                "auth",
                "pinger",
                "request",
                Map.of("method", "GET", "url", "https://status.example.com/ping"))));
  }

  private NewAdmin newAdmin(String callerKey, String email, String role) {
    Answer created =
        api()
            .post(
                "/api/v1/admin/users",
                callerKey,
                Map.of("email", email, "name", email, "role", role));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new NewAdmin(
        created.json().at("/user/id").stringValue(), created.json().get("apiKey").stringValue());
  }

  record NewAdmin(String id, String key) {}
}
