package dev.connectorengine.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.api.auth.ApiKeys;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@ApiIntegrationTest
class ConnectorApiTest {

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
  void create_answers_201_with_location_and_the_connector_with_zero_stats() {
    String key = api().newWorkspaceKey("Create");

    Answer created = api().post("/api/v1/connectors", key, TestConnectors.enrichContact());

    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    String id = body.get("id").stringValue();
    assertThat(created.header("Location")).isEqualTo("/api/v1/connectors/" + id);
    assertThat(body.get("type").stringValue()).isEqualTo("multi-step");
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(body.get("enabled").asBoolean()).isTrue();
    assertThat(body.get("steps")).hasSize(3);
    assertThat(body.at("/steps/1/request/body/personId").stringValue())
        .isEqualTo("{{ steps.person.output.id }}");
    assertThat(body.at("/inputSchema/required/0").stringValue()).isEqualTo("email");
    assertThat(body.at("/stats/totalExecutions").asLong()).isZero();
    assertThat(body.at("/stats/lastExecutedAt").isNull()).isTrue();
    assertThat(body.get("createdAt").stringValue()).isNotBlank();

    Answer read = api().get("/api/v1/connectors/" + id, key);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(body);
  }

  @Test
  void defaults_apply_to_absent_settings() {
    String key = api().newWorkspaceKey("Defaults");

    JsonNode body = api().post("/api/v1/connectors", key, TestConnectors.ping("p")).json();

    assertThat(body.get("type").stringValue()).isEqualTo("single-step");
    assertThat(body.get("timeoutMs").asInt()).isEqualTo(30_000);
    assertThat(body.get("maxRetries").asInt()).isEqualTo(3);
    assertThat(body.get("continueOnError").asBoolean()).isFalse();
    assertThat(body.get("inputSchema").isNull()).isTrue();
  }

  @Test
  void put_writes_a_new_version_and_keeps_the_old_one() {
    String key = api().newWorkspaceKey("Versions");
    String id =
        api()
            .post("/api/v1/connectors", key, TestConnectors.ping("v1"))
            .json()
            .get("id")
            .stringValue();
    ObjectNode changed = TestConnectors.enrichContact().put("name", "v2").put("enabled", false);

    Answer updated = api().put("/api/v1/connectors/" + id, key, changed);

    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("version").asInt()).isEqualTo(2);
    assertThat(updated.json().get("name").stringValue()).isEqualTo("v2");
    assertThat(updated.json().get("enabled").asBoolean()).isFalse();
    assertThat(updated.json().get("steps")).hasSize(3);
    assertThat(
            jdbc.sql(
                    "SELECT array_agg(type ORDER BY version)::text FROM connector_versions WHERE connector_id = ?::uuid")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo("{single-step,multi-step}");
  }

  @Test
  void delete_answers_204_and_the_connector_is_gone_afterwards() {
    String key = api().newWorkspaceKey("Delete");
    String id =
        api()
            .post("/api/v1/connectors", key, TestConnectors.ping("d"))
            .json()
            .get("id")
            .stringValue();

    assertThat(api().delete("/api/v1/connectors/" + id, key).status()).isEqualTo(204);

    assertThat(api().get("/api/v1/connectors/" + id, key).status()).isEqualTo(404);
    assertThat(api().delete("/api/v1/connectors/" + id, key).status()).isEqualTo(404);
    assertThat(api().put("/api/v1/connectors/" + id, key, TestConnectors.ping("d")).status())
        .isEqualTo(404);
    assertThat(api().get("/api/v1/connectors", key).json().get("items")).isEmpty();
    assertThat(
            jdbc.sql("SELECT deleted_at IS NOT NULL FROM connectors WHERE id = ?::uuid")
                .param(id)
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void another_workspace_gets_404_for_every_call() {
    String owner = api().newWorkspaceKey("Owner");
    String stranger = api().newWorkspaceKey("Stranger");
    String id =
        api()
            .post("/api/v1/connectors", owner, TestConnectors.ping("mine"))
            .json()
            .get("id")
            .stringValue();

    assertThat(api().get("/api/v1/connectors/" + id, stranger).status()).isEqualTo(404);
    assertThat(api().put("/api/v1/connectors/" + id, stranger, TestConnectors.ping("x")).status())
        .isEqualTo(404);
    assertThat(api().delete("/api/v1/connectors/" + id, stranger).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/connectors", stranger).json().get("items")).isEmpty();
    assertThat(api().get("/api/v1/connectors/" + id, owner).json().get("name").stringValue())
        .isEqualTo("mine");
  }

  @Test
  void list_pages_newest_first_across_pages_without_gaps_or_repeats() {
    String key = api().newWorkspaceKey("Paging");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(
          api()
              .post("/api/v1/connectors", key, TestConnectors.ping("c" + i))
              .json()
              .get("id")
              .stringValue());
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Answer page =
          api()
              .get("/api/v1/connectors?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key);
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(item -> seen.add(item.get("id").stringValue()));
      JsonNode next = page.json().get("nextCursor");
      cursor = next.isNull() ? null : next.stringValue();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(created.reversed());
  }

  @Test
  void list_refuses_a_bad_limit_or_cursor_naming_it() {
    String key = api().newWorkspaceKey("Bad paging");

    assertThat(api().get("/api/v1/connectors?limit=0", key).errorFields()).containsExactly("limit");
    assertThat(api().get("/api/v1/connectors?limit=abc", key).errorFields())
        .containsExactly("limit");
    Answer cursor = api().get("/api/v1/connectors?cursor=not-a-cursor", key);
    assertThat(cursor.status()).isEqualTo(400);
    assertThat(cursor.errorFields()).containsExactly("cursor");
  }

  @Test
  void unknown_fields_are_refused_naming_them() {
    String key = api().newWorkspaceKey("Unknown fields");
    ObjectNode top = TestConnectors.ping("x").put("colour", "blue");
    ObjectNode nested = TestConnectors.ping("x");
    ((ObjectNode) nested.get("steps").get(0).get("request")).put("verb", "GET");

    Answer topAnswer = api().post("/api/v1/connectors", key, top);
    Answer nestedAnswer = api().post("/api/v1/connectors", key, nested);

    assertThat(topAnswer.status()).isEqualTo(400);
    assertThat(topAnswer.contentType()).isEqualTo("application/problem+json");
    assertThat(topAnswer.errorFields()).containsExactly("colour");
    assertThat(topAnswer.json().at("/errors/0/message").stringValue()).isEqualTo("unknown field");
    assertThat(nestedAnswer.errorFields()).containsExactly("steps[0].request.verb");
  }

  @Test
  void wrong_types_are_refused_naming_the_field() {
    String key = api().newWorkspaceKey("Wrong types");

    Answer timeout =
        api().post("/api/v1/connectors", key, TestConnectors.ping("x").put("timeoutMs", "soon"));
    ObjectNode steps = TestConnectors.ping("x");
    steps.put("steps", "not a list");
    Answer list = api().post("/api/v1/connectors", key, steps);

    assertThat(timeout.status()).isEqualTo(400);
    assertThat(timeout.errorFields()).containsExactly("timeoutMs");
    assertThat(list.status()).isEqualTo(400);
    assertThat(list.errorFields()).containsExactly("steps");
  }

  @Test
  void spec_violations_answer_422_naming_every_field_and_write_nothing() {
    String key = api().newWorkspaceKey("Invalid spec");
    ObjectNode connector = TestConnectors.enrichContact();
    connector.remove("name");
    ObjectNode firstStep = (ObjectNode) connector.get("steps").get(0);
    ((ObjectNode) firstStep.get("request"))
        .putObject("headers")
        .put("X-Name", "{{ steps.company.output.name }}");
    ((ObjectNode) firstStep.get("extract")).put("id", "$.data[0");
    connector.putObject("inputSchema").put("type", "object").put("required", "email");

    Answer answer = api().post("/api/v1/connectors", key, connector);

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.errorFields())
        .containsExactlyInAnyOrder(
            "name",
            "steps[0].extract.id",
            "steps[0].request.headers.X-Name",
            "inputSchema.required");
    assertThat(answer.json().at("/errors").valueStream().map(e -> e.get("message").stringValue()))
        .contains(
            "template {{ steps.company.output.name }} refers to step 'company', which runs later;"
                + " only earlier steps' results exist when a step runs");
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM connectors c JOIN api_keys k ON k.workspace_id ="
                        + " c.workspace_id WHERE k.key_hash = ?")
                .param(ApiKeys.hash(key))
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void null_steps_and_null_settings_are_named_not_a_500() {
    String key = api().newWorkspaceKey("Nulls");
    ObjectNode connector = TestConnectors.ping("n");
    connector.withArray("steps").addNull();
    connector.putNull("timeoutMs");
    connector.putNull("inputSchema");

    Answer answer = api().post("/api/v1/connectors", key, connector);

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorFields()).containsExactly("steps[1]");
  }

  @Test
  void an_invalid_put_keeps_the_current_version() {
    String key = api().newWorkspaceKey("Invalid put");
    String id =
        api()
            .post("/api/v1/connectors", key, TestConnectors.ping("keep"))
            .json()
            .get("id")
            .stringValue();
    ObjectNode invalid = TestConnectors.ping("keep");
    ((ObjectNode) invalid.get("steps").get(0).get("request")).put("url", "not a url");

    assertThat(api().put("/api/v1/connectors/" + id, key, invalid).status()).isEqualTo(422);

    assertThat(api().get("/api/v1/connectors/" + id, key).json().get("version").asInt())
        .isEqualTo(1);
  }
}
