package dev.connectorengine.api.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.api.tenancy.CurrentWorkspace;
import dev.connectorengine.model.integration.ActionDefinition;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The actions of an integration as a workspace manages them, on the real database. */
@ApiIntegrationTest
@RecordApplicationEvents
class ActionApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String FIND_PERSON =
      """
      {"name": "Find person", "description": "By e-mail", "metadata": {"team": "sales"},
       "method": "GET", "endpointTemplate": "/people",
       "headers": {"X-Api-Key": "{{ credentials.acme-crm.apiKey }}"},
       "query": {"email": "{{ input.email }}"},
       "inputSchema": {"type": "object", "required": ["email"],
                       "properties": {"email": {"type": "string"}}},
       "outputSchema": {"type": "object", "properties": {"data": {"type": "array"}}},
       "pagination": {"style": "cursor", "itemsPath": "$.data", "maxPages": 5,
                      "cursorPath": "$.next", "cursorParam": "cursor"},
       "retry": {"maxRetries": 2, "initialBackoffMs": 200},
       "cacheable": true, "cacheTtlSeconds": 300}
      """;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ActionCatalog catalog;
  @Autowired CurrentWorkspace current;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ApplicationEvents events;
  final JdbcClient owner = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  /** A valid action body with this slug. */
  static ObjectNode findPerson(String slug) {
    return ((ObjectNode) JSON.readTree(FIND_PERSON)).put("slug", slug);
  }

  @AfterEach
  void leaveTheWorkspace() {
    current.clear();
  }

  @Test
  void create_stores_the_spec_and_get_and_list_read_it_back() {
    String key = integration("Actions", "acme-crm");

    Answer created = api().post("/api/v1/integrations/acme-crm/actions", key, findPerson("find"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/v1/integrations/acme-crm/actions/find");
    JsonNode action = created.json();
    assertThat(action.get("integration").stringValue()).isEqualTo("acme-crm");
    assertThat(action.get("version").intValue()).isOne();
    assertThat(action.at("/pagination/cursorParam").stringValue()).isEqualTo("cursor");
    assertThat(action.get("cacheTtlSeconds").intValue()).isEqualTo(300);
    assertThat(action.at("/retry/maxRetries").intValue()).isEqualTo(2);
    assertThat(action.at("/query/email").stringValue()).isEqualTo("{{ input.email }}");
    assertThat(action.get("metadata").toString()).isEqualTo("{\"team\":\"sales\"}");
    assertThat(api().get("/api/v1/integrations/acme-crm/actions/find", key).json())
        .isEqualTo(action);
    assertThat(
            owner
                .sql("SELECT spec->>'endpointTemplate' FROM integration_actions WHERE id = ?::uuid")
                .param(action.get("id").stringValue())
                .query(String.class)
                .single())
        .isEqualTo("/people");
    assertThat(
            api().get("/api/v1/integrations/acme-crm", key).json().get("actionCount").longValue())
        .isOne();
    assertThat(api().get("/api/v1/integrations/unknown/actions/find", key).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/integrations/acme-crm/actions/unknown", key).status())
        .isEqualTo(404);
  }

  @Test
  void the_list_pages_newest_first() {
    String key = integration("Listing actions", "acme-crm");
    for (String slug : List.of("one", "two", "three")) {
      create(key, findPerson(slug));
    }

    Answer first = api().get("/api/v1/integrations/acme-crm/actions?limit=2", key);
    Answer second =
        api()
            .get(
                "/api/v1/integrations/acme-crm/actions?limit=2&cursor="
                    + first.json().get("nextCursor").stringValue(),
                key);

    assertThat(IntegrationApiTest.slugs(first)).containsExactly("three", "two");
    assertThat(IntegrationApiTest.slugs(second)).containsExactly("one");
    assertThat(second.json().get("nextCursor").isNull()).isTrue();
  }

  @Test
  void a_duplicate_slug_in_one_integration_answers_409_naming_slug() {
    String key = integration("Duplicate actions", "acme-crm");
    create(key, findPerson("find"));

    Answer again = api().post("/api/v1/integrations/acme-crm/actions", key, findPerson("find"));

    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.errorFields()).containsExactly("slug");
  }

  @Test
  void an_endpoint_that_escapes_the_base_url_answers_422_naming_endpointTemplate() {
    String key = integration("Escaping actions", "acme-crm");

    for (String endpoint :
        List.of("//evil.test/x", "https://evil.test", "/../x", "{{ input.host }}/x")) {
      Answer refused =
          api()
              .post(
                  "/api/v1/integrations/acme-crm/actions",
                  key,
                  findPerson("escape").put("endpointTemplate", endpoint));

      assertThat(refused.status()).as(endpoint + " " + refused).isEqualTo(422);
      assertThat(refused.errorFields()).containsExactly("endpointTemplate");
      assertThat(refused.json().at("/errors/0/message").stringValue())
          .contains("escapes the integration's base URL");
    }
  }

  @Test
  void an_invalid_schema_or_a_template_reading_steps_or_an_unknown_root_answers_422() {
    String key = integration("Careless actions", "acme-crm");
    ObjectNode schema = findPerson("schema");
    ((ObjectNode) schema.at("/outputSchema/properties/data")).put("type", "list");
    ObjectNode steps = findPerson("steps");
    ((ObjectNode) steps.get("query")).put("id", "{{ steps.person.output.id }}");
    ObjectNode root = findPerson("root").put("endpointTemplate", "/people/{{ secret.id }}");
    ObjectNode otherCredential = findPerson("other");
    ((ObjectNode) otherCredential.get("headers")).put("X-Api-Key", "{{ credentials.gh.token }}");

    assertThat(post(key, schema).errorFields()).containsOnly("outputSchema.properties.data.type");
    assertThat(post(key, steps).errorFields()).containsExactly("query.id");
    assertThat(post(key, root).errorFields()).containsExactly("endpointTemplate");
    assertThat(post(key, otherCredential).errorFields()).containsExactly("headers.X-Api-Key");
    assertThat(post(key, findPerson("Bad Slug")).errorFields()).containsExactly("slug");
  }

  @Test
  void put_replaces_it_and_bumps_the_version_each_time() {
    String key = integration("Versions", "acme-crm");
    String id = create(key, findPerson("find")).get("id").stringValue();
    ObjectNode replacement = findPerson("find").put("endpointTemplate", "/v2/people");
    replacement.remove("slug");

    Answer second = api().put("/api/v1/integrations/acme-crm/actions/find", key, replacement);
    Answer third = api().put("/api/v1/integrations/acme-crm/actions/find", key, replacement);

    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().get("version").intValue()).isEqualTo(2);
    assertThat(second.json().get("endpointTemplate").stringValue()).isEqualTo("/v2/people");
    assertThat(third.json().get("version").intValue()).isEqualTo(3);
    assertThat(third.json().get("id").stringValue()).isEqualTo(id);
    assertThat(
            api()
                .put("/api/v1/integrations/acme-crm/actions/find", key, findPerson("renamed"))
                .errorFields())
        .containsExactly("slug");
    assertThat(
            owner
                .sql("SELECT action FROM audit_log WHERE resource_id = ? ORDER BY created_at")
                .param(id)
                .query(String.class)
                .list())
        .containsExactly(
            "integration_action.created",
            "integration_action.updated",
            "integration_action.updated");
  }

  @Test
  void delete_is_refused_while_a_connector_step_uses_it() {
    String key = integration("Deleting actions", "acme-crm");
    String id = create(key, findPerson("find")).get("id").stringValue();
    String connector = BoundConnectors.boundTo(api(), owner, key, "actionId", id);

    Answer refused = api().delete("/api/v1/integrations/acme-crm/actions/find", key);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().at("/connectors/0/id").stringValue()).isEqualTo(connector);
    assertThat(api().delete("/api/v1/connectors/" + connector, key).status()).isEqualTo(204);
    assertThat(api().delete("/api/v1/integrations/acme-crm/actions/find", key).status())
        .isEqualTo(204);
    assertThat(api().get("/api/v1/integrations/acme-crm/actions/find", key).status())
        .isEqualTo(404);
  }

  @Test
  void deleting_an_action_retires_the_hidden_connector_its_invocations_run_as() {
    String key = integration("Hidden connectors", "acme-crm");
    String action = create(key, findPerson("find")).get("id").stringValue();
    String hidden = UUID.randomUUID().toString();
    owner
        .sql(
            """
            INSERT INTO connectors (id, workspace_id, name, current_version, action_id)
            VALUES (?::uuid, ?, 'acme-crm.find', 1, ?::uuid)
            """)
        .params(hidden, workspaceOf(key), action)
        .update();

    assertThat(api().delete("/api/v1/integrations/acme-crm/actions/find", key).status())
        .isEqualTo(204);

    assertThat(
            owner
                .sql("SELECT deleted_at IS NOT NULL FROM connectors WHERE id = ?::uuid")
                .param(hidden)
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void unknown_fields_answer_400_naming_them() {
    String key = integration("Sloppy actions", "acme-crm");

    Answer refused = post(key, findPerson("sloppy").put("colour", "red"));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.errorFields()).containsExactly("colour");
  }

  @Test
  void every_change_publishes_action_changed_and_an_integration_change_one_per_action() {
    String key = integration("Events", "acme-crm");
    UUID first = UUID.fromString(create(key, findPerson("first")).get("id").stringValue());
    UUID second = UUID.fromString(create(key, findPerson("second")).get("id").stringValue());
    UUID workspace = workspaceOf(key);
    events.clear();

    Map<String, Object> integration = IntegrationApiTest.crm("acme-crm");
    integration.put("baseUrl", "https://v3.acme-crm.test");
    assertThat(api().put("/api/v1/integrations/acme-crm", key, integration).status())
        .isEqualTo(200);
    assertThat(events.stream(ActionChanged.class))
        .extracting(ActionChanged::workspaceId, ActionChanged::actionId, ActionChanged::deleted)
        .containsExactlyInAnyOrder(tuple(workspace, first, false), tuple(workspace, second, false));

    events.clear();
    assertThat(api().delete("/api/v1/integrations/acme-crm/actions/first", key).status())
        .isEqualTo(204);
    assertThat(events.stream(ActionChanged.class))
        .extracting(ActionChanged::workspaceId, ActionChanged::actionId, ActionChanged::deleted)
        .containsExactly(tuple(workspace, first, true));
  }

  @Test
  void the_catalog_finds_an_action_with_its_integration_in_the_callers_transaction() {
    String key = integration("Catalog", "acme-crm");
    String id = create(key, findPerson("find")).get("id").stringValue();
    UUID workspace = workspaceOf(key);
    current.set(workspace);
    TransactionTemplate transaction = new TransactionTemplate(transactions);

    Optional<ActionDefinition> found =
        transaction.execute(s -> catalog.find(workspace, "acme-crm", "find"));
    Optional<ActionDefinition> missing =
        transaction.execute(s -> catalog.find(workspace, "acme-crm", "lose"));

    ActionDefinition definition = found.orElseThrow();
    assertThat(definition.reference()).isEqualTo("acme-crm.find");
    assertThat(definition.actionId()).isEqualTo(UUID.fromString(id));
    assertThat(definition.baseUrl()).isEqualTo("https://api.acme-crm.test/v2");
    assertThat(definition.credential()).isEqualTo("acme-crm");
    assertThat(definition.integrationStatus()).isEqualTo("active");
    assertThat(definition.version()).isOne();
    assertThat(definition.spec().pagination().cursorPath()).isEqualTo("$.next");
    assertThat(definition.spec().cacheTtlSeconds()).isEqualTo(300);
    assertThat(definition.spec().body()).isNull();
    assertThat(missing).isEmpty();
    assertThatThrownBy(() -> catalog.find(workspace, "acme-crm", "find"))
        .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
  }

  /** A new workspace's key with the integration {@code slug}. */
  private String integration(String workspace, String slug) {
    String key = api().newWorkspaceKey(workspace);
    Answer created = api().post("/api/v1/integrations", key, IntegrationApiTest.crm(slug));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return key;
  }

  private JsonNode create(String key, ObjectNode body) {
    Answer created = post(key, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json();
  }

  private Answer post(String key, ObjectNode body) {
    return api().post("/api/v1/integrations/acme-crm/actions", key, body);
  }

  private UUID workspaceOf(String key) {
    return owner
        .sql("SELECT workspace_id FROM api_keys WHERE prefix = ?")
        .param(key.substring(0, 12))
        .query(UUID.class)
        .single();
  }
}
