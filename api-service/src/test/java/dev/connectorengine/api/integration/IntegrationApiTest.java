package dev.connectorengine.api.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** Integrations as a workspace manages them, on the real database. */
@ApiIntegrationTest
class IntegrationApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  final JdbcClient owner = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  /** A valid integration body; tests change one field at a time. */
  static Map<String, Object> crm(String slug) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Acme CRM");
    body.put("slug", slug);
    body.put("displayName", "Acme");
    body.put("description", "People and companies");
    body.put("baseUrl", "https://api.acme-crm.test/v2/");
    body.put("documentationUrl", "https://docs.acme-crm.test");
    body.put("authType", "api_key");
    body.put("credential", "acme-crm");
    body.put("tags", List.of(" CRM ", "crm", "Sales"));
    body.put("metadata", Map.of("owner", "sales-ops"));
    return body;
  }

  @Test
  void create_stores_it_normalised_and_get_reads_it_back() {
    String key = api().newWorkspaceKey("Integrations");

    Answer created = api().post("/api/v1/integrations", key, crm("acme-crm"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/v1/integrations/acme-crm");
    JsonNode integration = api().get("/api/v1/integrations/acme-crm", key).json();
    assertThat(integration).isEqualTo(created.json());
    assertThat(integration.get("baseUrl").stringValue()).isEqualTo("https://api.acme-crm.test/v2");
    assertThat(integration.get("tags").toString()).isEqualTo("[\"crm\",\"sales\"]");
    assertThat(integration.get("status").stringValue()).isEqualTo("active");
    assertThat(integration.get("credential").stringValue()).isEqualTo("acme-crm");
    assertThat(integration.get("metadata").toString()).isEqualTo("{\"owner\":\"sales-ops\"}");
    assertThat(integration.get("actionCount").longValue()).isZero();
    assertThat(integration.get("id").stringValue()).isNotBlank();
    assertThat(integration.get("createdAt").stringValue()).isNotBlank();
    assertThat(auditActions(integration.get("id").stringValue()))
        .containsExactly("integration.created");
  }

  @Test
  void a_duplicate_slug_answers_409_naming_slug() {
    String key = api().newWorkspaceKey("Duplicate integrations");
    create(key, crm("twice"));

    Answer again = api().post("/api/v1/integrations", key, crm("twice"));

    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.errorFields()).containsExactly("slug");
    // Another workspace may use the same slug.
    assertThat(
            api()
                .post("/api/v1/integrations", api().newWorkspaceKey("Other"), crm("twice"))
                .status())
        .isEqualTo(201);
  }

  @Test
  void invalid_fields_answer_422_naming_each() {
    String key = api().newWorkspaceKey("Careless integrations");
    Map<String, Object> body = crm("Not A Slug");
    body.remove("name");
    body.put("baseUrl", "https://api.acme-crm.test/v2?key=1");
    body.put("documentationUrl", "ftp://docs.test");
    body.put("status", "paused");
    body.put("tags", List.of("ok", " "));
    body.put("metadata", List.of(1, 2));

    Answer refused = api().post("/api/v1/integrations", key, body);
    Map<String, Object> none = crm("none-with-credential");
    none.put("authType", "none");
    Map<String, Object> bearer = crm("bearer-without-credential");
    bearer.put("authType", "bearer");
    bearer.remove("credential");
    Map<String, Object> relative = crm("relative");
    relative.put("baseUrl", "/v2");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.errorFields())
        .containsExactlyInAnyOrder(
            "name", "slug", "baseUrl", "documentationUrl", "status", "tags[1]", "metadata");
    assertThat(api().post("/api/v1/integrations", key, none).errorFields())
        .containsExactly("credential");
    assertThat(api().post("/api/v1/integrations", key, bearer).errorFields())
        .containsExactly("credential");
    assertThat(api().post("/api/v1/integrations", key, relative).errorFields())
        .containsExactly("baseUrl");
    assertThat(
            owner
                .sql(
                    "SELECT count(*) FROM integrations WHERE slug IN ('Not A Slug',"
                        + " 'none-with-credential', 'bearer-without-credential', 'relative')")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void a_credential_of_the_wrong_type_answers_422_and_one_not_yet_stored_is_accepted() {
    String key = api().newWorkspaceKey("Credential types");
    Answer stored =
        api()
            .put(
                "/api/v1/credentials/crm-key",
                key,
                Map.of("type", "api_key", "values", Map.of("apiKey", "k-1")));
    assertThat(stored.status()).as(stored.toString()).isIn(200, 201);
    Map<String, Object> bearer = crm("as-bearer");
    bearer.put("authType", "bearer");
    bearer.put("credential", "crm-key");
    Map<String, Object> header = crm("as-header");
    header.put("authType", "custom_header");
    header.put("credential", "crm-key");
    Map<String, Object> later = crm("later");
    later.put("authType", "oauth2");
    later.put("credential", "not-yet");

    Answer wrong = api().post("/api/v1/integrations", key, bearer);

    assertThat(wrong.status()).as(wrong.toString()).isEqualTo(422);
    assertThat(wrong.errorFields()).containsExactly("credential");
    assertThat(api().post("/api/v1/integrations", key, header).status()).isEqualTo(201);
    assertThat(api().post("/api/v1/integrations", key, later).status()).isEqualTo(201);
  }

  @Test
  void the_list_filters_by_tag_status_and_text_and_pages_newest_first() {
    String key = api().newWorkspaceKey("Listing integrations");
    Map<String, Object> billing = crm("billing");
    billing.put("name", "Billing");
    billing.put("description", "Invoices and PAYMENTS");
    billing.put("tags", List.of("finance"));
    billing.put("status", "draft");
    create(key, crm("crm-one"));
    create(key, billing);
    create(key, crm("crm-two"));

    assertThat(slugs(api().get("/api/v1/integrations?tag=Sales", key)))
        .containsExactly("crm-two", "crm-one");
    assertThat(slugs(api().get("/api/v1/integrations?status=draft", key)))
        .containsExactly("billing");
    assertThat(slugs(api().get("/api/v1/integrations?q=payments", key))).containsExactly("billing");
    assertThat(slugs(api().get("/api/v1/integrations?q=CRM-T", key))).containsExactly("crm-two");
    assertThat(api().get("/api/v1/integrations?status=paused", key).errorFields())
        .containsExactly("status");
    Answer first = api().get("/api/v1/integrations?limit=2", key);
    assertThat(slugs(first)).containsExactly("crm-two", "billing");
    String cursor = first.json().get("nextCursor").stringValue();
    Answer second = api().get("/api/v1/integrations?limit=2&cursor=" + cursor, key);
    assertThat(slugs(second)).containsExactly("crm-one");
    assertThat(second.json().get("nextCursor").isNull()).isTrue();
  }

  @Test
  void put_replaces_every_field_but_the_slug() {
    String key = api().newWorkspaceKey("Replacing integrations");
    String id = create(key, crm("replace-me")).get("id").stringValue();
    Map<String, Object> replacement = crm("replace-me");
    replacement.remove("slug");
    replacement.put("name", "Acme CRM v3");
    replacement.put("baseUrl", "https://v3.acme-crm.test");
    replacement.put("authType", "none");
    replacement.remove("credential");
    replacement.remove("tags");
    replacement.put("status", "disabled");

    Answer replaced = api().put("/api/v1/integrations/replace-me", key, replacement);

    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.json().get("id").stringValue()).isEqualTo(id);
    assertThat(replaced.json().get("name").stringValue()).isEqualTo("Acme CRM v3");
    assertThat(replaced.json().get("credential").isNull()).isTrue();
    assertThat(replaced.json().get("tags")).isEmpty();
    assertThat(replaced.json().get("status").stringValue()).isEqualTo("disabled");
    replacement.put("slug", "renamed");
    assertThat(api().put("/api/v1/integrations/replace-me", key, replacement).errorFields())
        .containsExactly("slug");
    assertThat(api().put("/api/v1/integrations/nothing-here", key, crm("nothing-here")).status())
        .isEqualTo(404);
    assertThat(auditActions(id)).containsExactly("integration.created", "integration.updated");
  }

  @Test
  void delete_takes_the_actions_along_and_is_refused_while_a_connector_step_uses_it() {
    String key = api().newWorkspaceKey("Deleting integrations");
    String id = create(key, crm("doomed")).get("id").stringValue();
    Answer action =
        api().post("/api/v1/integrations/doomed/actions", key, ActionApiTest.findPerson("find"));
    assertThat(action.status()).as(action.toString()).isEqualTo(201);
    String connector = BoundConnectors.boundTo(api(), owner, key, "integrationId", id);

    Answer refused = api().delete("/api/v1/integrations/doomed", key);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().at("/connectors/0/id").stringValue()).isEqualTo(connector);
    assertThat(refused.json().get("detail").stringValue()).contains("Bound connector");
    assertThat(api().delete("/api/v1/connectors/" + connector, key).status()).isEqualTo(204);
    assertThat(api().delete("/api/v1/integrations/doomed", key).status()).isEqualTo(204);
    assertThat(api().get("/api/v1/integrations/doomed", key).status()).isEqualTo(404);
    assertThat(api().delete("/api/v1/integrations/doomed", key).status()).isEqualTo(404);
    assertThat(
            owner
                .sql("SELECT count(*) FROM integration_actions WHERE integration_id = ?::uuid")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(auditActions(id)).contains("integration.deleted");
  }

  @Test
  void another_workspaces_integration_is_404_and_not_listed() {
    String ours = api().newWorkspaceKey("Our integrations");
    String theirs = api().newWorkspaceKey("Their integrations");
    create(ours, crm("private-crm"));

    assertThat(api().get("/api/v1/integrations/private-crm", theirs).status()).isEqualTo(404);
    assertThat(api().put("/api/v1/integrations/private-crm", theirs, crm("private-crm")).status())
        .isEqualTo(404);
    assertThat(api().delete("/api/v1/integrations/private-crm", theirs).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/integrations/private-crm/actions", theirs).status())
        .isEqualTo(404);
    assertThat(slugs(api().get("/api/v1/integrations", theirs))).isEmpty();
    assertThat(api().get("/api/v1/integrations/private-crm", ours).status()).isEqualTo(200);
  }

  JsonNode create(String key, Map<String, Object> body) {
    Answer created = api().post("/api/v1/integrations", key, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json();
  }

  List<String> auditActions(String resourceId) {
    return owner
        .sql("SELECT action FROM audit_log WHERE resource_id = ? ORDER BY created_at, id")
        .param(resourceId)
        .query(String.class)
        .list();
  }

  static List<String> slugs(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    List<String> slugs = new ArrayList<>();
    answer.json().get("items").forEach(i -> slugs.add(i.get("slug").stringValue()));
    return slugs;
  }
}
