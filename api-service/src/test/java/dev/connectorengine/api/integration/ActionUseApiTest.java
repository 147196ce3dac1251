package dev.connectorengine.api.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.PublishedJobs;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Actions in use: connector steps that name one (resolved when the connector is saved, following
 * the action's changes) and invocations of one on its own.
 */
@ApiIntegrationTest
class ActionUseApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static PublishedJobs jobs;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @BeforeAll
  static void consumeJobs(@Autowired EmbeddedKafkaBroker broker) {
    jobs = PublishedJobs.consume(broker, "action-use-test");
  }

  @AfterAll
  static void stopConsuming() throws InterruptedException {
    jobs.close();
  }

  @Autowired MockMvc mvc;

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void a_step_naming_an_action_is_saved_with_the_actions_request_credential_and_binding() {
    String key = workspaceWithAction("Resolved");

    Answer created = api().post("/api/v1/connectors", key, connector("acme-crm.find", "{}"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode step = created.json().at("/steps/0");
    assertThat(step.at("/request/url").stringValue())
        .isEqualTo("https://api.acme-crm.test/v2/people");
    assertThat(step.at("/request/query/email").stringValue()).isEqualTo("{{ input.email }}");
    assertThat(step.get("auth").stringValue()).isEqualTo("acme-crm");
    assertThat(step.at("/binding/action").stringValue()).isEqualTo("find");
    assertThat(step.at("/binding/actionVersion").intValue()).isOne();
    assertThat(step.at("/binding/cacheTtlSeconds").intValue()).isEqualTo(300);
    assertThat(step.at("/input/email").stringValue()).isEqualTo("{{ input.email }}");
    // A connector read and sent back as it is saves the same resolution again.
    ObjectNode sentBack = JSON.createObjectNode().put("name", "Sent back");
    sentBack.set("steps", created.json().get("steps"));
    Answer again =
        api().put("/api/v1/connectors/" + created.json().get("id").stringValue(), key, sentBack);
    assertThat(again.status()).as(again + " for " + sentBack).isEqualTo(200);
    assertThat(again.json().at("/steps/0")).isEqualTo(step);
  }

  @Test
  void unknown_or_malformed_actions_and_known_bad_input_answer_422_naming_the_step() {
    String key = workspaceWithAction("Refused");

    assertThat(
            api().post("/api/v1/connectors", key, connector("acme-crm.lose", "{}")).errorFields())
        .containsExactly("steps[0].action");
    assertThat(api().post("/api/v1/connectors", key, connector("find", "{}")).errorFields())
        .containsExactly("steps[0].action");
    ObjectNode badInput = connector("acme-crm.find", "{}");
    ((ObjectNode) badInput.at("/steps/0/input")).put("email", 42);
    assertThat(api().post("/api/v1/connectors", key, badInput).errorFields())
        .containsExactly("steps[0].input.email");
    ObjectNode rawWithInput = connector("acme-crm.find", "{}");
    ((ObjectNode) rawWithInput.at("/steps/0")).remove("action");
    ((ObjectNode) rawWithInput.at("/steps/0"))
        .set("request", JSON.readTree("{\"method\": \"GET\", \"url\": \"https://a.test/\"}"));
    assertThat(api().post("/api/v1/connectors", key, rawWithInput).errorFields())
        .containsExactly("steps[0]");
  }

  @Test
  void a_later_step_may_read_the_names_of_the_actions_output_mapping_only() {
    String key = workspaceWithAction("Outputs");
    ObjectNode reading = connector("acme-crm.find", "{\"id\": \"{{ response.body.data[0].id }}\"}");
    reading
        .withArray("steps")
        .add(
            JSON.readTree(
                """
                {"id": "next", "request": {"method": "GET",
                 "url": "https://api.acme-crm.test/v2/people/{{ steps.person.output.id }}"}}
                """));
    assertThat(api().post("/api/v1/connectors", key, reading).status()).isEqualTo(201);

    ((ObjectNode) reading.at("/steps/1/request"))
        .put("url", "https://api.acme-crm.test/{{ steps.person.output.name }}");
    assertThat(api().post("/api/v1/connectors", key, reading).errorFields())
        .containsExactly("steps[1].request.url");
  }

  @Test
  void an_action_change_gives_the_connectors_calling_it_a_new_version_and_a_breaking_one_is_422() {
    String key = workspaceWithAction("Follow");
    String id =
        api()
            .post("/api/v1/connectors", key, connector("acme-crm.find", "{}"))
            .json()
            .get("id")
            .stringValue();

    ObjectNode changed = ActionApiTest.findPerson("find");
    changed.put("endpointTemplate", "/persons");
    assertThat(api().put("/api/v1/integrations/acme-crm/actions/find", key, changed).status())
        .isEqualTo(200);

    JsonNode connector = api().get("/api/v1/connectors/" + id, key).json();
    assertThat(connector.get("version").intValue()).isEqualTo(2);
    assertThat(connector.at("/steps/0/request/url").stringValue()).endsWith("/v2/persons");
    assertThat(connector.at("/steps/0/binding/actionVersion").intValue()).isEqualTo(2);

    ObjectNode breaking = ActionApiTest.findPerson("find");
    ((ObjectNode) breaking.get("inputSchema")).withArray("required").add("team");
    Answer refused = api().put("/api/v1/integrations/acme-crm/actions/find", key, breaking);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.errorFields()).containsExactly("connector " + id + ": steps[0].input.team");
    assertThat(
            api()
                .get("/api/v1/integrations/acme-crm/actions/find", key)
                .json()
                .get("version")
                .intValue())
        .isEqualTo(2);
  }

  @Test
  void an_integrations_new_credential_is_followed_by_its_actions_and_their_connectors() {
    String key = workspaceWithAction("Credential");
    String id =
        api()
            .post("/api/v1/connectors", key, connector("acme-crm.find", "{}"))
            .json()
            .get("id")
            .stringValue();
    java.util.Map<String, Object> integration = IntegrationApiTest.crm("acme-crm");
    integration.put("credential", "acme-crm-v2");

    assertThat(api().put("/api/v1/integrations/acme-crm", key, integration).status())
        .isEqualTo(200);

    JsonNode action = api().get("/api/v1/integrations/acme-crm/actions/find", key).json();
    assertThat(action.get("version").intValue()).isEqualTo(2);
    assertThat(action.at("/headers/X-Api-Key").stringValue())
        .isEqualTo("{{ credentials.acme-crm-v2.apiKey }}");
    JsonNode step = api().get("/api/v1/connectors/" + id, key).json().at("/steps/0");
    assertThat(step.get("auth").stringValue()).isEqualTo("acme-crm-v2");
    assertThat(step.at("/request/headers/X-Api-Key").stringValue())
        .isEqualTo("{{ credentials.acme-crm-v2.apiKey }}");
  }

  @Test
  void invoke_runs_the_action_as_an_execution_of_its_own_unlisted_connector() {
    String key = workspaceWithAction("Invoke");

    Answer invoked =
        api()
            .post(
                "/api/v1/integrations/acme-crm/actions/find/invoke",
                key,
                Map.of("input", Map.of("email", "ada@example.com")));

    assertThat(invoked.status()).as(invoked.toString()).isEqualTo(202);
    String execution = invoked.json().get("id").stringValue();
    String own = invoked.json().get("connectorId").stringValue();
    jobs.awaitJob(execution);
    JsonNode connector = api().get("/api/v1/connectors/" + own, key).json();
    assertThat(connector.get("name").stringValue()).isEqualTo("acme-crm.find");
    assertThat(connector.at("/steps/0/input").stringValue()).isEqualTo("{{ input }}");
    assertThat(api().get("/api/v1/connectors", key).json().get("items").toString())
        .doesNotContain(own);
    ObjectNode change = JSON.createObjectNode().put("name", "Mine now");
    change.set("steps", connector.get("steps"));
    assertThat(api().put("/api/v1/connectors/" + own, key, change).status()).isEqualTo(409);
    assertThat(api().delete("/api/v1/connectors/" + own, key).status()).isEqualTo(409);

    Answer bad =
        api()
            .post(
                "/api/v1/integrations/acme-crm/actions/find/invoke",
                key,
                Map.of("input", Map.of()));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.errorFields()).containsExactly("input.email");
    assertThat(
            api().post("/api/v1/integrations/acme-crm/actions/lose/invoke", key, Map.of()).status())
        .isEqualTo(404);
  }

  @Test
  void a_key_limited_to_connectors_invokes_an_action_only_when_its_own_connector_is_listed() {
    String key = workspaceWithAction("Limited invoke");
    String path = "/api/v1/integrations/acme-crm/actions/find/invoke";
    Map<String, Object> body = Map.of("input", Map.of("email", "ada@example.com"));
    String own = api().post(path, key, body).json().get("connectorId").stringValue();
    String listed =
        api()
            .post("/api/v1/connectors", key, connector("acme-crm.find", "{}"))
            .json()
            .get("id")
            .stringValue();
    String otherOnly =
        api()
            .newKey(
                key,
                Map.of(
                    "name", "other", "scopes", List.of("execute"), "connectorIds", List.of(listed)))
            .key();
    String actionToo =
        api()
            .newKey(
                key,
                Map.of(
                    "name", "action", "scopes", List.of("execute"), "connectorIds", List.of(own)))
            .key();

    Answer refused = api().post(path, otherOnly, body);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.json().get("connectorId").stringValue()).isEqualTo(own);
    assertThat(api().post(path, actionToo, body).status()).isEqualTo(202);
  }

  @Test
  void a_template_keeps_action_steps_as_written_and_installs_them_resolved_to_the_installers() {
    String publisher = workspaceWithAction("Publisher");
    String connector =
        api()
            .post("/api/v1/connectors", publisher, connector("acme-crm.find", "{}"))
            .json()
            .get("id")
            .stringValue();
    Answer template =
        api()
            .post(
                "/api/v1/templates",
                publisher,
                Map.of("connectorId", connector, "isPublic", true, "name", "Find " + connector));
    assertThat(template.status()).as(template.toString()).isEqualTo(201);
    JsonNode written = template.json().at("/steps/0");
    assertThat(written.get("action").stringValue()).isEqualTo("acme-crm.find");
    assertThat(written.path("binding").isMissingNode() || written.get("binding").isNull()).isTrue();
    assertThat(written.path("request").isMissingNode() || written.get("request").isNull()).isTrue();
    String install = "/api/v1/templates/" + template.json().get("id").stringValue() + "/install";

    String installer = workspaceWithAction("Installer");
    Answer installed = api().post(install, installer, Map.of());
    Answer lacking = api().post(install, api().newWorkspaceKey("Lacking"), Map.of());

    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    JsonNode step = installed.json().at("/connector/steps/0");
    assertThat(step.at("/binding/actionId").stringValue())
        .isEqualTo(
            api()
                .get("/api/v1/integrations/acme-crm/actions/find", installer)
                .json()
                .get("id")
                .stringValue());
    assertThat(installed.json().get("missingCredentials").toString()).contains("acme-crm");
    assertThat(lacking.status()).isEqualTo(422);
    assertThat(lacking.errorFields()).containsExactly("steps[0].action");
  }

  /** A new workspace with integration {@code acme-crm} and its action {@code find}. */
  private String workspaceWithAction(String name) {
    String key = api().newWorkspaceKey(name);
    assertThat(api().post("/api/v1/integrations", key, IntegrationApiTest.crm("acme-crm")).status())
        .isEqualTo(201);
    Answer action =
        api().post("/api/v1/integrations/acme-crm/actions", key, ActionApiTest.findPerson("find"));
    assertThat(action.status()).as(action.toString()).isEqualTo(201);
    return key;
  }

  private static ObjectNode connector(String action, String outputMapping) {
    ObjectNode connector = JSON.createObjectNode().put("name", "Uses " + action);
    ObjectNode step =
        connector.putArray("steps").addObject().put("id", "person").put("action", action);
    step.putObject("input").put("email", "{{ input.email }}");
    if (!outputMapping.equals("{}")) {
      step.set("outputMapping", JSON.readTree(outputMapping));
    }
    return connector;
  }
}
