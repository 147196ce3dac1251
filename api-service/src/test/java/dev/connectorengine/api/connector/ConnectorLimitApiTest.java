package dev.connectorengine.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code maxConcurrentRuns}: a connector's limit on runs at once, kept on its row. */
@ApiIntegrationTest
class ConnectorLimitApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  private static final JsonMapper JSON = JsonMapper.builder().build();

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
  void a_connector_has_no_limit_unless_it_sets_one() {
    String key = api().newWorkspaceKey("No limit");

    JsonNode created = api().post("/api/v1/connectors", key, TestConnectors.ping("p")).json();

    assertThat(created.get("maxConcurrentRuns").isNull()).isTrue();
    assertThat(storedLimit(created.get("id").stringValue())).isNull();
  }

  @Test
  void the_limit_is_set_on_post_shown_on_get_changed_on_put_and_cleared_with_null() {
    String key = api().newWorkspaceKey("Limit");

    Answer created =
        api()
            .post(
                "/api/v1/connectors",
                key,
                TestConnectors.ping("limited").put("maxConcurrentRuns", 5));
    String id = created.json().get("id").stringValue();
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("maxConcurrentRuns").asInt()).isEqualTo(5);
    assertThat(api().get("/api/v1/connectors/" + id, key).json().get("maxConcurrentRuns").asInt())
        .isEqualTo(5);
    assertThat(api().get("/api/v1/connectors", key).json().at("/items/0/maxConcurrentRuns").asInt())
        .isEqualTo(5);
    assertThat(storedLimit(id)).isEqualTo(5);

    Answer changed =
        api()
            .put(
                "/api/v1/connectors/" + id,
                key,
                TestConnectors.ping("limited").put("maxConcurrentRuns", 100_000));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("maxConcurrentRuns").asInt()).isEqualTo(100_000);
    assertThat(api().get("/api/v1/connectors/" + id, key).json().get("maxConcurrentRuns").asInt())
        .isEqualTo(100_000);
    assertThat(storedLimit(id)).isEqualTo(100_000);

    Answer cleared =
        api()
            .put(
                "/api/v1/connectors/" + id,
                key,
                TestConnectors.ping("limited").putNull("maxConcurrentRuns"));
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.json().get("maxConcurrentRuns").isNull()).isTrue();
    assertThat(api().get("/api/v1/connectors/" + id, key).json().get("maxConcurrentRuns").isNull())
        .isTrue();
    assertThat(storedLimit(id)).isNull();
  }

  @Test
  void a_limit_out_of_range_or_not_a_whole_number_answers_422_naming_it_and_writes_nothing() {
    String key = api().newWorkspaceKey("Bad limit");
    String id =
        api()
            .post(
                "/api/v1/connectors", key, TestConnectors.ping("kept").put("maxConcurrentRuns", 3))
            .json()
            .get("id")
            .stringValue();

    for (JsonNode bad :
        List.of(
            json("0"),
            json("-1"),
            json("100001"),
            json("99999999999"),
            json("1.5"),
            json("\"abc\""),
            json("\"5\""),
            json("true"),
            json("[5]"))) {
      ObjectNode body = TestConnectors.ping("bad");
      body.set("maxConcurrentRuns", bad);

      Answer created = api().post("/api/v1/connectors", key, body);
      Answer replaced = api().put("/api/v1/connectors/" + id, key, body);

      for (Answer answer : List.of(created, replaced)) {
        assertThat(answer.status()).as("%s", bad).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.errorFields()).as("%s", bad).containsExactly("maxConcurrentRuns");
      }
    }

    JsonNode kept = api().get("/api/v1/connectors/" + id, key).json();
    assertThat(kept.get("name").stringValue()).isEqualTo("kept");
    assertThat(kept.get("maxConcurrentRuns").asInt()).isEqualTo(3);
    assertThat(kept.get("version").asInt()).isOne();
    assertThat(
            jdbc.sql("SELECT count(*) FROM connectors WHERE name = 'bad'")
                .query(Long.class)
                .single())
        .isZero();
  }

  private Integer storedLimit(String id) {
    return jdbc.sql("SELECT max_concurrent_runs FROM connectors WHERE id = ?::uuid")
        .param(id)
        .query(Integer.class)
        .list()
        .getFirst();
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
