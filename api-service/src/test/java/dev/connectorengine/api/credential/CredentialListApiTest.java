package dev.connectorengine.api.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/credentials}: newest first, keyset pages, filters, never a value. */
@ApiIntegrationTest
class CredentialListApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final String CANARY = "sk_live_LISTCANARY_91d0b7";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void pages_through_the_credentials_newest_first_without_a_value() {
    String key = api().newWorkspaceKey("Listed");
    for (String service : List.of("one", "two", "three", "four", "five")) {
      putApiKey(key, service);
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Answer page =
          api()
              .get(
                  "/api/v1/credentials?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.text()).doesNotContain(CANARY);
      page.json().get("items").forEach(item -> seen.add(item.get("service").stringValue()));
      cursor = page.json().path("nextCursor").stringValue(null);
      pages++;
    } while (cursor != null);

    assertThat(seen).containsExactly("five", "four", "three", "two", "one");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void an_item_names_its_values_and_state_but_never_shows_a_value() {
    String key = api().newWorkspaceKey("Shown");
    putApiKey(key, "crm");

    JsonNode item = api().get("/api/v1/credentials", key).json().get("items").get(0);

    assertThat(item.get("service").stringValue()).isEqualTo("crm");
    assertThat(item.get("type").stringValue()).isEqualTo("api_key");
    assertThat(item.get("status").stringValue()).isEqualTo("active");
    assertThat(item.get("isVerified").booleanValue()).isFalse();
    assertThat(item.get("valueNames").valueStream().map(JsonNode::stringValue))
        .containsExactly("apiKey", "headerName");
    assertThat(item.has("createdAt")).isTrue();
    assertThat(item.has("updatedAt")).isTrue();
    assertThat(item.has("values")).isFalse();
  }

  @Test
  void filters_by_status_and_type() {
    String key = api().newWorkspaceKey("Filtered");
    putApiKey(key, "crm");
    putApiKey(key, "billing");
    api()
        .put(
            "/api/v1/credentials/mail",
            key,
            Map.of("type", "bearer", "values", Map.of("token", CANARY)));
    jdbc.sql(
            "UPDATE workspace_api_credentials SET status = 'revoked' WHERE service_name = 'billing'"
                + " AND workspace_id = (SELECT workspace_id FROM workspace_api_credentials"
                + " WHERE service_name = 'mail')")
        .update();

    assertThat(services(api().get("/api/v1/credentials?status=revoked", key)))
        .containsExactly("billing");
    assertThat(services(api().get("/api/v1/credentials?status=active&type=api_key", key)))
        .containsExactly("crm");
    assertThat(services(api().get("/api/v1/credentials?type=bearer", key))).containsExactly("mail");
  }

  @Test
  void a_credential_past_its_expiry_is_listed_as_expired() {
    String key = api().newWorkspaceKey("Expired");
    api()
        .put(
            "/api/v1/credentials/old",
            key,
            Map.of(
                "type",
                "bearer",
                "values",
                Map.of("token", CANARY),
                "expiresAt",
                "2020-01-01T00:00:00Z"));
    putApiKey(key, "fresh");

    assertThat(services(api().get("/api/v1/credentials?status=expired", key)))
        .containsExactly("old");
    assertThat(services(api().get("/api/v1/credentials?status=active", key)))
        .containsExactly("fresh");
  }

  @Test
  void bad_filters_limits_and_cursors_are_400_naming_the_parameter() {
    String key = api().newWorkspaceKey("Bad");

    assertBadRequest(api().get("/api/v1/credentials?status=paused", key), "status");
    assertBadRequest(api().get("/api/v1/credentials?type=password", key), "type");
    assertBadRequest(api().get("/api/v1/credentials?limit=101", key), "limit");
    assertBadRequest(api().get("/api/v1/credentials?limit=0", key), "limit");
    assertBadRequest(api().get("/api/v1/credentials?cursor=nonsense", key), "cursor");
  }

  @Test
  void lists_only_the_callers_workspace() {
    String mine = api().newWorkspaceKey("Mine");
    String theirs = api().newWorkspaceKey("Theirs");
    putApiKey(theirs, "secret-crm");

    Answer page = api().get("/api/v1/credentials", mine);

    assertThat(page.status()).isEqualTo(200);
    assertThat(services(page)).isEmpty();
  }

  private void putApiKey(String key, String service) {
    Answer put =
        api()
            .put(
                "/api/v1/credentials/" + service,
                key,
                Map.of(
                    "type", "api_key", "values", Map.of("apiKey", CANARY, "headerName", "X-Key")));
    assertThat(put.status()).isEqualTo(201);
  }

  private static void assertBadRequest(Answer answer, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.errorFields()).containsExactly(field);
  }

  private static List<String> services(Answer page) {
    assertThat(page.status()).isEqualTo(200);
    return page.json().get("items").valueStream().map(i -> i.get("service").stringValue()).toList();
  }
}
