package dev.connectorengine.api.workspace;

import static dev.connectorengine.api.ApiIntegrationTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** The admin's calls on workspaces: list with usage, read, change, delete. */
@ApiIntegrationTest
class AdminWorkspaceApiTest {

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

  @Test
  void the_list_shows_live_workspaces_newest_first_with_their_usage_in_pages() {
    String older = api().newWorkspaceKey("Older");
    String newer = api().newWorkspaceKey("Newer");
    api().post("/api/v1/connectors", newer, TestConnectors.ping("p"));

    Answer first = api().get("/api/v1/admin/workspaces?limit=1", ADMIN_TOKEN);
    Answer second =
        api()
            .get(
                "/api/v1/admin/workspaces?limit=1&cursor="
                    + first.json().get("nextCursor").stringValue(),
                ADMIN_TOKEN);

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    JsonNode newest = first.json().at("/items/0");
    assertThat(newest.get("name").stringValue()).isEqualTo("Newer");
    assertThat(newest.at("/usage/connectors").longValue()).isOne();
    assertThat(newest.at("/usage/runsToday").longValue()).isZero();
    assertThat(second.json().at("/items/0/name").stringValue()).isEqualTo("Older");
    assertThat(api().get("/api/v1/admin/workspaces", older).status()).isEqualTo(401);
  }

  @Test
  void a_patch_changes_the_name_and_merges_settings_and_bad_values_are_named() {
    String id = workspaceId(api().newWorkspaceKey("Patched"));

    Answer patched =
        patch(
            id,
            Map.of("name", "Renamed", "settings", Map.of("runsPerDay", 100, "runsPerMonth", 1000)));
    Map<String, Object> clearing = new HashMap<>();
    clearing.put("runsPerDay", null);
    Answer cleared = patch(id, Map.of("settings", clearing));

    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().get("name").stringValue()).isEqualTo("Renamed");
    assertThat(cleared.json().get("settings").toString()).isEqualTo("{\"runsPerMonth\":1000}");
    assertThat(patch(id, Map.of("settings", Map.of("runsPerDay", -1))).errorFields())
        .containsExactly("settings.runsPerDay");
    assertThat(patch(id, Map.of("settings", Map.of("colour", 1))).errorFields())
        .containsExactly("settings.colour");
    assertThat(patch(id, Map.of("name", " ")).errorFields()).containsExactly("name");
    assertThat(patch(id, Map.of("id", id)).errorFields()).containsExactly("id");
    assertThat(
            api()
                .get("/api/v1/admin/workspaces/" + id, ADMIN_TOKEN)
                .json()
                .get("name")
                .stringValue())
        .isEqualTo("Renamed");
  }

  @Test
  void a_deleted_workspaces_keys_stop_at_once_and_deleting_again_is_404() {
    String key = api().newWorkspaceKey("Doomed");
    String id = workspaceId(key);
    assertThat(api().get("/api/v1/connectors", key).status()).isEqualTo(200);

    assertThat(api().delete("/api/v1/admin/workspaces/" + id, ADMIN_TOKEN).status()).isEqualTo(204);

    assertThat(api().get("/api/v1/connectors", key).status()).isEqualTo(401);
    assertThat(api().delete("/api/v1/admin/workspaces/" + id, ADMIN_TOKEN).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/admin/workspaces/" + id, ADMIN_TOKEN).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/admin/workspaces", ADMIN_TOKEN).text()).doesNotContain(id);
    assertThat(
            owner
                .sql(
                    "SELECT action FROM audit_log WHERE workspace_id = ?::uuid ORDER BY created_at DESC LIMIT 1")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo("workspace.deleted");
  }

  private Answer patch(String id, Object body) {
    return api()
        .call(HttpMethod.PATCH, "/api/v1/admin/workspaces/" + id, ADMIN_TOKEN, body, Map.of());
  }

  private String workspaceId(String key) {
    return owner
        .sql("SELECT workspace_id::text FROM api_keys WHERE prefix = ?")
        .param(dev.connectorengine.api.auth.ApiKeys.prefix(key))
        .query(String.class)
        .single();
  }
}
