package dev.connectorengine.api.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import tools.jackson.databind.JsonNode;

/** The marketplace as workspaces use it: browse, publish, install, rate, on the real database. */
@ApiIntegrationTest
class TemplateApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final String CRM_TEMPLATE = "6f1c2a0e-0000-4000-8000-000000000001";

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
  void the_official_templates_ship_with_the_migrations_and_any_key_can_browse_them() {
    String root = api().newWorkspaceKey("Browser");
    String reader = api().newKey(root, "reader", "read").key();

    Answer all = api().get("/api/v1/templates?official=true&sort=name", reader);

    assertThat(all.status()).as(all.toString()).isEqualTo(200);
    assertThat(names(all))
        .containsExactly(
            // featured first, then by name
            "CRM: find person and enrich company",
            "Slack: post a message",
            "GitHub: create an issue",
            "HubSpot: upsert a contact");
    JsonNode crm = api().get("/api/v1/templates/" + CRM_TEMPLATE, reader).json();
    assertThat(crm.get("isOfficial").booleanValue()).isTrue();
    assertThat(crm.get("requiredCredentials").get(0).stringValue()).isEqualTo("crm");
    assertThat(crm.get("steps")).hasSize(3);
    assertThat(names(api().get("/api/v1/templates?tag=CHAT", reader)))
        .containsExactly("Slack: post a message");
    assertThat(names(api().get("/api/v1/templates?q=issue&featured=false", reader)))
        .containsExactly("GitHub: create an issue");
    assertThat(names(api().get("/api/v1/templates?category=crm&sort=name", reader)))
        .containsExactly("CRM: find person and enrich company", "HubSpot: upsert a contact");
    Answer firstPage = api().get("/api/v1/templates?official=true&sort=name&limit=3", reader);
    assertThat(firstPage.json().get("nextOffset").intValue()).isEqualTo(3);
    assertThat(
            names(api().get("/api/v1/templates?official=true&sort=name&limit=3&offset=3", reader)))
        .containsExactly("HubSpot: upsert a contact");
    assertThat(api().get("/api/v1/templates?sort=loudest", reader).errorFields())
        .containsExactly("sort");
  }

  @Test
  void a_published_template_copies_the_spec_keeping_credential_references_as_references() {
    String key = api().newWorkspaceKey("Publisher");
    String connector = newConnector(key, "Enrich for publishing");

    Answer published =
        api()
            .post(
                "/api/v1/templates",
                key,
                Map.of(
                    "connectorId",
                    connector,
                    "isPublic",
                    true,
                    "name",
                    "Example enrichment",
                    "tags",
                    List.of(" CRM ", "crm", "Enrichment")));

    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    JsonNode template = published.json();
    assertThat(published.header("Location"))
        .isEqualTo("/api/v1/templates/" + template.get("id").stringValue());
    assertThat(template.get("isOfficial").booleanValue()).isFalse();
    assertThat(template.get("isPublic").booleanValue()).isTrue();
    assertThat(template.get("publishedBy").stringValue()).isEqualTo(workspaceOf(key));
    assertThat(template.get("requiredCredentials").get(0).stringValue()).isEqualTo("example");
    assertThat(template.get("tags").toString()).isEqualTo("[\"crm\",\"enrichment\"]");
    assertThat(template.get("description").stringValue()).isEqualTo("CRM enrichment");
    assertThat(template.at("/steps/0/request/headers/Authorization").stringValue())
        .isEqualTo("Bearer {{ credentials.example.apiKey }}");
    assertThat(template.get("installCount").longValue()).isZero();
    assertThat(template.get("rating").isNull()).isTrue();
    assertThat(
            owner
                .sql("SELECT action FROM audit_log WHERE resource_id = ?")
                .param(template.get("id").stringValue())
                .query(String.class)
                .list())
        .containsExactly("template.published");
  }

  @Test
  void a_duplicate_name_answers_409_and_writes_nothing() {
    String key = api().newWorkspaceKey("Duplicates");
    String connector = newConnector(key, "Dup source");
    Map<String, Object> body =
        Map.of("connectorId", connector, "isPublic", false, "name", "Slack: Post a Message");

    Answer duplicate = api().post("/api/v1/templates", key, body);

    assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
    assertThat(duplicate.contentType()).isEqualTo("application/problem+json");
    assertThat(
            owner
                .sql("SELECT count(*) FROM connector_templates WHERE lower(name) LIKE 'slack%'")
                .query(Long.class)
                .single())
        .isOne();
  }

  @Test
  void another_workspaces_private_template_is_404_and_a_public_one_is_403_to_change() {
    String ours = api().newWorkspaceKey("Owner of templates");
    String theirs = api().newWorkspaceKey("Onlooker");
    String privateOne = publish(ours, "Private one", false);
    String publicOne = publish(ours, "Public one", true);

    assertThat(api().get("/api/v1/templates/" + privateOne, theirs).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/templates/" + privateOne, ours).status()).isEqualTo(200);
    assertThat(names(api().get("/api/v1/templates?official=false&limit=100", theirs)))
        .contains("Public one")
        .doesNotContain("Private one");
    assertThat(api().post("/api/v1/templates/" + privateOne + "/install", theirs, "{}").status())
        .isEqualTo(404);
    assertThat(patch(theirs, privateOne, Map.of("name", "taken")).status()).isEqualTo(404);
    assertThat(patch(theirs, publicOne, Map.of("name", "taken")).status()).isEqualTo(403);
    assertThat(patch(theirs, CRM_TEMPLATE, Map.of("name", "taken")).status()).isEqualTo(403);
    assertThat(api().delete("/api/v1/templates/" + publicOne, theirs).status()).isEqualTo(403);

    Answer renamed =
        patch(ours, publicOne, Map.of("name", "Public one, renamed", "isPublic", false));
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    assertThat(renamed.json().get("isPublic").booleanValue()).isFalse();
    assertThat(patch(ours, publicOne, Map.of("isFeatured", true)).errorFields())
        .containsExactly("isFeatured");
    assertThat(api().delete("/api/v1/templates/" + publicOne, ours).status()).isEqualTo(204);
    assertThat(api().get("/api/v1/templates/" + publicOne, ours).status()).isEqualTo(404);
  }

  @Test
  void installing_creates_a_connector_from_the_template_and_names_the_missing_credentials() {
    String key = api().newWorkspaceKey("Installer");
    long installsBefore = installCount(CRM_TEMPLATE);

    Answer installed = api().post("/api/v1/templates/" + CRM_TEMPLATE + "/install", key, "{}");

    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    JsonNode connector = installed.json().get("connector");
    String connectorId = connector.get("id").stringValue();
    assertThat(installed.header("Location")).isEqualTo("/api/v1/connectors/" + connectorId);
    assertThat(connector.get("createdFromTemplate").stringValue()).isEqualTo(CRM_TEMPLATE);
    assertThat(connector.get("name").stringValue())
        .isEqualTo("CRM: find person and enrich company");
    assertThat(installed.json().get("missingCredentials").toString()).isEqualTo("[\"crm\"]");
    assertThat(installCount(CRM_TEMPLATE)).isEqualTo(installsBefore + 1);
    assertThat(
            api()
                .get("/api/v1/connectors/" + connectorId, key)
                .json()
                .get("createdFromTemplate")
                .stringValue())
        .isEqualTo(CRM_TEMPLATE);
    // The installed connector runs like any other: triggering it is accepted.
    Answer triggered =
        api()
            .post(
                "/api/v1/connectors/" + connectorId + "/executions",
                key,
                Map.of("input", Map.of("email", "ada@acme.io")));
    assertThat(triggered.status()).as(triggered.toString()).isEqualTo(202);
  }

  @Test
  void a_credential_mapping_renames_the_services_to_the_workspaces_own() {
    String key = api().newWorkspaceKey("Mapper");
    Answer credential =
        api()
            .put(
                "/api/v1/credentials/demo-crm",
                key,
                Map.of("type", "api_key", "values", Map.of("apiKey", "k-123")));
    assertThat(credential.status()).as(credential.toString()).isIn(200, 201);

    Answer installed =
        api()
            .post(
                "/api/v1/templates/" + CRM_TEMPLATE + "/install",
                key,
                Map.of("name", "My CRM", "credentialMapping", Map.of("crm", "demo-crm")));

    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    assertThat(installed.json().get("missingCredentials")).isEmpty();
    JsonNode connector = installed.json().get("connector");
    assertThat(connector.get("name").stringValue()).isEqualTo("My CRM");
    assertThat(connector.at("/steps/0/request/headers/X-Api-Key").stringValue())
        .isEqualTo("{{ credentials.demo-crm.apiKey }}");

    Answer unknownService =
        api()
            .post(
                "/api/v1/templates/" + CRM_TEMPLATE + "/install",
                key,
                Map.of("credentialMapping", Map.of("github", "gh")));
    assertThat(unknownService.status()).isEqualTo(422);
    assertThat(unknownService.errorFields()).containsExactly("credentialMapping.github");
  }

  @Test
  void usage_counts_the_runs_of_every_connector_installed_from_the_template() {
    String key = api().newWorkspaceKey("User");
    String template = publish(key, "Counted", true);
    String first = install(key, template);
    String second = install(key, template);
    // The worker's statistics, as its terminal writes leave them (two slots, two connectors).
    String stats =
        """
        INSERT INTO connector_execution_stats (connector_id, slot, workspace_id, total_executions)
        VALUES (?, ?, ?, ?)
        """;
    UUID workspace = UUID.fromString(workspaceOf(key));
    owner.sql(stats).params(UUID.fromString(first), 0, workspace, 3).update();
    owner.sql(stats).params(UUID.fromString(first), 1, workspace, 4).update();
    owner.sql(stats).params(UUID.fromString(second), 0, workspace, 5).update();

    JsonNode read = api().get("/api/v1/templates/" + template, key).json();

    assertThat(read.get("usageCount").longValue()).isEqualTo(12);
    assertThat(read.get("installCount").longValue()).isEqualTo(2);
  }

  @Test
  void a_rating_is_one_per_workspace_changeable_and_the_mean_stays_exact_when_many_rate_at_once()
      throws Exception {
    String template = publish(api().newWorkspaceKey("Rated"), "Rated one", true);
    List<String> raters = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      raters.add(api().newWorkspaceKey("Rater " + i));
    }

    List<Future<Integer>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      for (int i = 0; i < raters.size(); i++) {
        String rater = raters.get(i);
        int stars = i % 5 + 1;
        answers.add(pool.submit(() -> rate(rater, template, Map.of("stars", stars)).status()));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(200);
      }
    }
    // 1+2+3+4+5+1 = 16 over 6; then the first rater changes 1 to 5: 20 over 6.
    Answer changed = rate(raters.getFirst(), template, Map.of("stars", 5));

    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.json().get("ratingCount").longValue()).isEqualTo(6);
    assertThat(changed.json().get("rating").doubleValue()).isEqualTo(20.0 / 6);
    JsonNode read = api().get("/api/v1/templates/" + template, raters.get(1)).json();
    assertThat(read.get("ratingCount").longValue()).isEqualTo(6);
    assertThat(read.get("rating").doubleValue()).isEqualTo(20.0 / 6);
  }

  @Test
  void a_rating_outside_one_to_five_answers_422_naming_stars() {
    String key = api().newWorkspaceKey("Bad rater");

    for (Object stars : List.of(0, 6, -1)) {
      Answer refused = rate(key, CRM_TEMPLATE, Map.of("stars", stars));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
      assertThat(refused.errorFields()).containsExactly("stars");
    }
    assertThat(rate(key, UUID.randomUUID().toString(), Map.of("stars", 3)).status()).isEqualTo(404);
  }

  @Test
  void unknown_fields_answer_400_naming_them() {
    String key = api().newWorkspaceKey("Sloppy");
    String connector = newConnector(key, "Sloppy source");

    Answer publish =
        api()
            .post(
                "/api/v1/templates",
                key,
                Map.of("connectorId", connector, "isPublic", true, "colour", "red"));
    Answer install =
        api().post("/api/v1/templates/" + CRM_TEMPLATE + "/install", key, Map.of("nmae", "x"));
    Answer rating = rate(key, CRM_TEMPLATE, Map.of("stars", 3, "comment", "ok"));

    assertThat(publish.status()).isEqualTo(400);
    assertThat(publish.errorFields()).containsExactly("colour");
    assertThat(install.status()).isEqualTo(400);
    assertThat(install.errorFields()).containsExactly("nmae");
    assertThat(rating.status()).isEqualTo(400);
    assertThat(rating.errorFields()).containsExactly("comment");
  }

  @Test
  void publishing_needs_a_connector_of_the_workspace_and_says_which_field_is_wrong() {
    String key = api().newWorkspaceKey("Careless");
    String other = newConnector(api().newWorkspaceKey("Someone else"), "Not yours");

    Answer missing = api().post("/api/v1/templates", key, Map.of());
    Answer notOurs =
        api().post("/api/v1/templates", key, Map.of("connectorId", other, "isPublic", true));

    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.errorFields()).containsExactlyInAnyOrder("connectorId", "isPublic");
    assertThat(notOurs.status()).isEqualTo(422);
    assertThat(notOurs.errorFields()).containsExactly("connectorId");
  }

  private String newConnector(String key, String name) {
    Answer created =
        api().post("/api/v1/connectors", key, TestConnectors.enrichContact().put("name", name));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private String publish(String key, String name, boolean isPublic) {
    Answer published =
        api()
            .post(
                "/api/v1/templates",
                key,
                Map.of(
                    "connectorId", newConnector(key, name + " source"),
                    "isPublic", isPublic,
                    "name", name));
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().get("id").stringValue();
  }

  private String install(String key, String template) {
    Answer installed = api().post("/api/v1/templates/" + template + "/install", key, "{}");
    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    return installed.json().get("connector").get("id").stringValue();
  }

  private Answer patch(String key, String template, Map<String, Object> body) {
    return api().call(HttpMethod.PATCH, "/api/v1/templates/" + template, key, body, Map.of());
  }

  private Answer rate(String key, String template, Map<String, Object> body) {
    return api().put("/api/v1/templates/" + template + "/rating", key, body);
  }

  private long installCount(String template) {
    return owner
        .sql("SELECT install_count FROM connector_templates WHERE id = ?::uuid")
        .param(template)
        .query(Long.class)
        .single();
  }

  private String workspaceOf(String key) {
    return owner
        .sql("SELECT workspace_id::text FROM api_keys WHERE prefix = ?")
        .param(key.substring(0, 12))
        .query(String.class)
        .single();
  }

  private static List<String> names(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    answer.json().get("items").forEach(t -> names.add(t.get("name").stringValue()));
    return names;
  }
}
