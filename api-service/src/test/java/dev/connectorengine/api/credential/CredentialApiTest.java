package dev.connectorengine.api.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.testsupport.FreshDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@ApiIntegrationTest
class CredentialApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final String CANARY = "sk_live_CANARY_7f3a9c2e";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  // As the tables' owner: the app's own connections see one workspace per transaction.
  final JdbcClient jdbc = TestDatabase.asOwner(DB);
  @Autowired CredentialSealer sealer;

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void put_seals_the_values_and_answers_only_their_names() {
    String key = api().newWorkspaceKey("Sealed");

    Answer created =
        api()
            .put(
                "/api/v1/credentials/example",
                key,
                Map.of(
                    "type", "api_key", "values", Map.of("apiKey", CANARY, "headerName", "X-Key")));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text()).doesNotContain(CANARY);
    assertThat(created.json().get("service").stringValue()).isEqualTo("example");
    assertThat(created.json().get("type").stringValue()).isEqualTo("api_key");
    assertThat(created.json().get("status").stringValue()).isEqualTo("active");
    assertThat(created.json().get("valueNames").valueStream().map(n -> n.stringValue()))
        .containsExactly("apiKey", "headerName");

    Answer read = api().get("/api/v1/credentials/example", key);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.text()).doesNotContain(CANARY);

    byte[] sealed =
        jdbc.sql(
                "SELECT sealed_values FROM workspace_api_credentials WHERE service_name = 'example'")
            .query(byte[].class)
            .single();
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(CANARY);
    UUID workspace =
        jdbc.sql(
                "SELECT workspace_id FROM workspace_api_credentials WHERE service_name = 'example'")
            .query(UUID.class)
            .single();
    assertThat(sealer.open(workspace, "example", sealed)).containsEntry("apiKey", CANARY);
  }

  @Test
  void a_second_put_replaces_the_credential() {
    String key = api().newWorkspaceKey("Replace");
    api()
        .put(
            "/api/v1/credentials/crm",
            key,
            Map.of("type", "bearer", "values", Map.of("token", "t1")));

    Answer replaced =
        api()
            .put(
                "/api/v1/credentials/crm",
                key,
                Map.of(
                    "type", "basic",
                    "values", Map.of("username", "u", "password", "p"),
                    "expiresAt", "2030-01-01T00:00:00Z"));

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().get("type").stringValue()).isEqualTo("basic");
    assertThat(replaced.json().get("expiresAt").stringValue()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(replaced.json().get("valueNames")).hasSize(2);
  }

  @Test
  void a_credential_past_its_expiry_shows_expired() {
    String key = api().newWorkspaceKey("Expired");

    Answer answer =
        api()
            .put(
                "/api/v1/credentials/old",
                key,
                Map.of(
                    "type", "bearer",
                    "values", Map.of("token", "t"),
                    "expiresAt", "2020-01-01T00:00:00Z"));

    assertThat(answer.json().get("status").stringValue()).isEqualTo("expired");
  }

  @Test
  void missing_and_unknown_values_are_named() {
    String key = api().newWorkspaceKey("Values");

    Answer answer =
        api()
            .put(
                "/api/v1/credentials/oauth",
                key,
                Map.of(
                    "type",
                    "oauth2",
                    "values",
                    Map.of("clientId", "id", "clientSecret", CANARY, "password", "nope")));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorFields()).containsExactly("values.tokenUrl", "values.password");
    assertThat(answer.text()).doesNotContain(CANARY);
    assertThat(api().get("/api/v1/credentials/oauth", key).status()).isEqualTo(404);
  }

  @Test
  void an_unknown_type_and_a_bad_service_name_are_refused() {
    String key = api().newWorkspaceKey("Types");

    Answer type =
        api().put("/api/v1/credentials/svc", key, Map.of("type", "magic", "values", Map.of()));
    Answer service =
        api()
            .put(
                "/api/v1/credentials/Bad.Name",
                key,
                Map.of("type", "bearer", "values", Map.of("token", "t")));

    assertThat(type.status()).isEqualTo(422);
    assertThat(type.errorFields()).containsExactly("type");
    assertThat(service.status()).isEqualTo(400);
    assertThat(service.errorFields()).containsExactly("service");
  }

  @Test
  void delete_answers_204_then_404() {
    String key = api().newWorkspaceKey("Delete");
    api()
        .put(
            "/api/v1/credentials/gone",
            key,
            Map.of("type", "bearer", "values", Map.of("token", "t")));

    assertThat(api().delete("/api/v1/credentials/gone", key).status()).isEqualTo(204);
    assertThat(api().get("/api/v1/credentials/gone", key).status()).isEqualTo(404);
    assertThat(api().delete("/api/v1/credentials/gone", key).status()).isEqualTo(404);
  }

  @Test
  void another_workspace_cannot_see_or_delete_a_credential() {
    String owner = api().newWorkspaceKey("Owner");
    String stranger = api().newWorkspaceKey("Stranger");
    api()
        .put(
            "/api/v1/credentials/private",
            owner,
            Map.of("type", "bearer", "values", Map.of("token", CANARY)));

    assertThat(api().get("/api/v1/credentials/private", stranger).status()).isEqualTo(404);
    assertThat(api().delete("/api/v1/credentials/private", stranger).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/credentials/private", owner).status()).isEqualTo(200);
  }
}
