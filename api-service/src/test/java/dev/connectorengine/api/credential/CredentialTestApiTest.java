package dev.connectorengine.api.credential;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.outbound.AnswerTooLargeException;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.OutboundRequest;
import dev.connectorengine.testsupport.FreshDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/credentials/{service}/test} against WireMock (reached by name, the one host
 * the guard lets through here) and against private addresses, which the guard refuses.
 */
@ApiIntegrationTest
@TestPropertySource(properties = "connector-engine.credential-test.allowed-targets=localhost")
class CredentialTestApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final String CANARY = "sk_live_CANARY_test_5b7d";
  static final String BODY_CANARY = "target-body-CANARY-88";
  static final WireMockServer TARGET = new WireMockServer(options().dynamicPort());
  // Another origin: the same host on another port.
  static final WireMockServer ELSEWHERE = new WireMockServer(options().dynamicPort());

  static {
    TARGET.start();
    ELSEWHERE.start();
  }

  @AfterAll
  static void stop() {
    TARGET.stop();
    ELSEWHERE.stop();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  @Autowired CredentialSealer sealer;
  @Autowired GuardedHttpClient credentialTestHttpClient;
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  private String key;
  private String path;

  @BeforeEach
  void setUp() {
    key = api().newWorkspaceKey("Tested " + UUID.randomUUID());
    path = "/" + UUID.randomUUID() + "/me";
  }

  @Test
  void a_2xx_with_the_credential_applied_is_verified_recorded_and_audited_without_the_body() {
    putCredential(
        "crm", Map.of("type", "api_key", "values", Map.of("apiKey", CANARY, "prefix", "Key ")));
    TARGET.stubFor(
        get(urlPathEqualTo(path))
            .withHeader("X-API-Key", equalTo("Key " + CANARY))
            .willReturn(okJson("{\"me\": \"" + BODY_CANARY + "\", \"echo\": \"" + CANARY + "\"}")));

    Answer answer = test("crm", Map.of("url", TARGET.baseUrl() + path));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("verified").booleanValue()).isTrue();
    assertThat(answer.json().get("httpStatus").intValue()).isEqualTo(200);
    assertThat(answer.json().get("latencyMs").longValue()).isNotNegative();
    assertThat(answer.text()).doesNotContain(BODY_CANARY).doesNotContain(CANARY);
    Answer read = api().get("/api/v1/credentials/crm", key);
    assertThat(read.json().get("isVerified").booleanValue()).isTrue();
    assertThat(read.json().get("lastVerifiedAt").isNull()).isFalse();
    Answer log = api().get("/api/v1/audit-log?limit=1", key);
    assertThat(log.json().at("/items/0/action").stringValue()).isEqualTo("credential.tested");
    assertThat(log.json().at("/items/0/details/verified").booleanValue()).isTrue();
    assertThat(log.text()).doesNotContain(CANARY).doesNotContain(path);
  }

  @Test
  void a_test_leaves_a_request_log_row_without_the_query_string_the_body_or_the_credential() {
    putCredential(
        "crm",
        Map.of("type", "api_key", "values", Map.of("apiKey", CANARY, "queryParam", "api_key")));
    TARGET.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(okJson("{\"me\": \"" + BODY_CANARY + "\", \"echo\": \"" + CANARY + "\"}")));

    Answer answer = test("crm", Map.of("url", TARGET.baseUrl() + path + "?page=2"));

    assertThat(answer.json().get("verified").booleanValue()).as(answer.toString()).isTrue();
    Answer logs = api().get("/api/v1/request-logs", key);
    assertThat(logs.status()).as(logs.toString()).isEqualTo(200);
    assertThat(logs.json().get("items")).hasSize(1);
    assertThat(logs.json().at("/items/0/source").stringValue()).isEqualTo("credential_test");
    assertThat(logs.json().at("/items/0/service").stringValue()).isEqualTo("crm");
    assertThat(logs.json().at("/items/0/method").stringValue()).isEqualTo("GET");
    assertThat(logs.json().at("/items/0/url").stringValue()).isEqualTo(TARGET.baseUrl() + path);
    assertThat(logs.json().at("/items/0/httpStatus").intValue()).isEqualTo(200);
    assertThat(logs.json().at("/items/0/attempt").intValue()).isEqualTo(1);
    assertThat(logs.json().at("/items/0/response/contentType").stringValue())
        .startsWith("application/json");
    assertThat(logs.json().at("/items/0/response/size").longValue()).isPositive();
    assertThat(logs.json().at("/items/0/response/body").isNull()).isTrue();
    assertThat(logs.text())
        .doesNotContain(CANARY)
        .doesNotContain(BODY_CANARY)
        .doesNotContain("page=2")
        .doesNotContain("api_key");
  }

  @Test
  void a_refused_answer_is_not_verified_and_says_the_status_only() {
    putCredential("crm", Map.of("type", "bearer", "values", Map.of("token", CANARY)));
    TARGET.stubFor(
        head(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(401).withBody("no, " + BODY_CANARY)));

    Answer answer = test("crm", Map.of("url", TARGET.baseUrl() + path, "method", "HEAD"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("verified").booleanValue()).isFalse();
    assertThat(answer.json().get("httpStatus").intValue()).isEqualTo(401);
    assertThat(answer.json().get("error").stringValue()).isEqualTo("the target answered HTTP 401");
    TARGET.verify(
        1,
        headRequestedFor(urlPathEqualTo(path))
            .withHeader("Authorization", equalTo("Bearer " + CANARY)));
    Answer read = api().get("/api/v1/credentials/crm", key);
    assertThat(read.json().get("isVerified").booleanValue()).isFalse();
    assertThat(read.json().get("lastVerifiedAt").isNull()).isFalse();
  }

  @Test
  void an_oauth2_credential_gets_its_token_first_through_the_guard_and_keeps_it() {
    String tokenPath = path + "/token";
    putCredential(
        "crm",
        Map.of(
            "type",
            "oauth2",
            "values",
            Map.of(
                "clientId",
                "client-1",
                "clientSecret",
                CANARY,
                "tokenUrl",
                TARGET.baseUrl() + tokenPath)));
    TARGET.stubFor(
        post(urlPathEqualTo(tokenPath))
            .withBasicAuth("client-1", CANARY)
            .willReturn(
                okJson(
                    "{\"access_token\": \"at-CANARY-1\", \"token_type\": \"Bearer\","
                        + " \"expires_in\": 3600}")));
    TARGET.stubFor(
        post(urlPathEqualTo(path))
            .withHeader("Authorization", equalTo("Bearer at-CANARY-1"))
            .willReturn(okJson("{}")));

    Answer first = test("crm", Map.of("url", TARGET.baseUrl() + path, "method", "POST"));
    Answer second = test("crm", Map.of("url", TARGET.baseUrl() + path, "method", "POST"));

    assertThat(first.json().get("verified").booleanValue()).isTrue();
    assertThat(second.json().get("verified").booleanValue()).isTrue();
    assertThat(first.text() + second.text()).doesNotContain("at-CANARY-1");
    TARGET.verify(1, postRequestedFor(urlPathEqualTo(tokenPath)));
  }

  @Test
  void an_oauth2_refusal_marks_needs_reauth_and_a_new_put_makes_it_active_without_a_token() {
    String tokenPath = path + "/token";
    Map<String, Object> credential =
        Map.of(
            "type",
            "oauth2",
            "values",
            Map.of(
                "clientId",
                "client-1",
                "clientSecret",
                CANARY,
                "refreshToken",
                "rt-1",
                "tokenUrl",
                TARGET.baseUrl() + tokenPath));
    putCredential("crm", credential);
    TARGET.stubFor(
        post(urlPathEqualTo(tokenPath))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\": \"invalid_grant\"}")));

    Answer answer = test("crm", Map.of("url", TARGET.baseUrl() + path));

    assertThat(answer.json().get("verified").booleanValue()).isFalse();
    assertThat(answer.json().get("error").stringValue())
        .isEqualTo("credential 'crm' needs re-authorisation");
    assertThat(api().get("/api/v1/credentials/crm", key).json().get("status").stringValue())
        .isEqualTo("needs_reauth");

    jdbc.sql(
            "UPDATE workspace_api_credentials SET oauth_access_token_sealed = ?,"
                + " oauth_access_token_expires_at = now() + interval '1 hour'"
                + " WHERE service_name = 'crm' AND status = 'needs_reauth'")
        .params(sealer.sealAccessToken(UUID.randomUUID(), "crm", "stale"))
        .update();
    putCredential("crm", credential);

    assertThat(api().get("/api/v1/credentials/crm", key).json().get("status").stringValue())
        .isEqualTo("active");
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM workspace_api_credentials WHERE service_name = 'crm'"
                        + " AND oauth_access_token_sealed IS NOT NULL")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void a_redirect_to_another_origin_gets_no_api_key_in_header_or_query() {
    putCredential("crm", Map.of("type", "api_key", "values", Map.of("apiKey", CANARY)));
    putCredential(
        "maps", Map.of("type", "api_key", "values", Map.of("apiKey", CANARY, "queryParam", "key")));
    ELSEWHERE.resetAll();
    ELSEWHERE.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{}")));
    // The target copies the query into the new location, as many "moved" redirects do.
    TARGET.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", ELSEWHERE.baseUrl() + path + "?key=" + CANARY)));

    test("maps", Map.of("url", TARGET.baseUrl() + path));
    ELSEWHERE.verify(1, getRequestedFor(urlPathEqualTo(path)).withQueryParam("key", absent()));
    test("crm", Map.of("url", TARGET.baseUrl() + path));
    ELSEWHERE.verify(2, getRequestedFor(urlPathEqualTo(path)).withHeader("X-API-Key", absent()));
  }

  @Test
  void the_credential_test_client_reads_at_most_1_mib_of_an_answer() {
    TARGET.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(overOneMib())));

    assertThatThrownBy(
            () ->
                credentialTestHttpClient.send(
                    new OutboundRequest("GET", URI.create(TARGET.baseUrl() + path), Map.of(), null),
                    Duration.ofSeconds(5)))
        .isInstanceOf(AnswerTooLargeException.class)
        .hasMessage("answer over 1 MiB");
  }

  @Test
  void an_answer_over_the_limit_is_judged_by_its_status_unread() {
    putCredential("crm", Map.of("type", "bearer", "values", Map.of("token", CANARY)));
    TARGET.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(overOneMib())));
    TARGET.stubFor(
        get(urlPathEqualTo(path + "/denied"))
            .willReturn(aResponse().withStatus(403).withBody(overOneMib())));

    Answer accepted = test("crm", Map.of("url", TARGET.baseUrl() + path));
    Answer denied = test("crm", Map.of("url", TARGET.baseUrl() + path + "/denied"));

    assertThat(accepted.json().get("verified").booleanValue()).isTrue();
    assertThat(accepted.json().get("httpStatus").intValue()).isEqualTo(200);
    assertThat(denied.json().get("verified").booleanValue()).isFalse();
    assertThat(denied.json().get("httpStatus").intValue()).isEqualTo(403);
    assertThat(denied.json().get("error").stringValue()).isEqualTo("the target answered HTTP 403");
  }

  @Test
  void a_private_address_is_refused_with_422_naming_the_rule_and_nothing_is_recorded() {
    putCredential("crm", Map.of("type", "bearer", "values", Map.of("token", CANARY)));

    Answer privateAddress = test("crm", Map.of("url", "http://10.1.2.3/check"));
    Answer metadata = test("crm", Map.of("url", "http://169.254.169.254/latest/meta-data"));

    assertThat(privateAddress.status()).isEqualTo(422);
    assertThat(privateAddress.contentType()).startsWith("application/problem+json");
    assertThat(privateAddress.json().get("detail").stringValue())
        .contains("10.1.2.3 is a private address");
    assertThat(privateAddress.errorFields()).containsExactly("url");
    assertThat(metadata.status()).isEqualTo(422);
    assertThat(metadata.json().get("detail").stringValue()).contains("a cloud metadata address");
    Answer read = api().get("/api/v1/credentials/crm", key);
    assertThat(read.json().get("lastVerifiedAt").isNull()).isTrue();
    assertThat(
            api().get("/api/v1/audit-log?limit=1", key).json().at("/items/0/action").stringValue())
        .isNotEqualTo("credential.tested");
  }

  @Test
  void an_unknown_credential_answers_404_and_bad_bodies_400_naming_the_field() {
    putCredential("crm", Map.of("type", "bearer", "values", Map.of("token", CANARY)));

    assertThat(test("nothing", Map.of("url", TARGET.baseUrl() + path)).status()).isEqualTo(404);
    Answer noUrl = test("crm", Map.of());
    Answer ftp = test("crm", Map.of("url", "ftp://example.com/x"));
    Answer delete = test("crm", Map.of("url", TARGET.baseUrl() + path, "method", "DELETE"));
    Answer unknown = test("crm", Map.of("url", TARGET.baseUrl() + path, "body", "x"));

    assertThat(noUrl.status()).isEqualTo(400);
    assertThat(noUrl.errorFields()).containsExactly("url");
    assertThat(ftp.status()).isEqualTo(400);
    assertThat(ftp.errorFields()).containsExactly("url");
    assertThat(delete.status()).isEqualTo(400);
    assertThat(delete.errorFields()).containsExactly("method");
    assertThat(unknown.status()).isEqualTo(400);
    TARGET.verify(0, anyRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void testing_needs_the_configure_scope() {
    putCredential("crm", Map.of("type", "bearer", "values", Map.of("token", CANARY)));
    String reader = api().newKey(key, "reader", "read").key();

    Answer answer =
        api().post("/api/v1/credentials/crm/test", reader, Map.of("url", TARGET.baseUrl() + path));

    assertThat(answer.status()).isEqualTo(403);
    TARGET.verify(0, anyRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void a_bad_header_name_or_query_parameter_is_refused_at_save_naming_it() {
    Answer answer =
        api()
            .put(
                "/api/v1/credentials/crm",
                key,
                Map.of(
                    "type",
                    "api_key",
                    "values",
                    Map.of("apiKey", CANARY, "headerName", "X Key:", "queryParam", "a&b=")));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorFields()).containsExactly("values.headerName", "values.queryParam");
    assertThat(answer.text()).doesNotContain(CANARY);
    assertThat(api().get("/api/v1/credentials/crm", key).status()).isEqualTo(404);
  }

  @Test
  void
      a_step_auth_is_saved_with_the_connector_before_its_credential_exists_and_its_shape_checked() {
    ObjectNode connector = TestConnectors.ping("with auth");
    ((ObjectNode) connector.get("steps").get(0)).put("auth", "later-crm");
    ObjectNode bad = TestConnectors.ping("bad auth");
    ((ObjectNode) bad.get("steps").get(0)).put("auth", "Not A Service");

    Answer saved = api().post("/api/v1/connectors", key, connector);
    Answer refused = api().post("/api/v1/connectors", key, bad);

    assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
    assertThat(saved.json().at("/steps/0/auth").stringValue()).isEqualTo("later-crm");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.errorFields()).containsExactly("steps[0].auth");
  }

  private void putCredential(String service, Map<String, Object> body) {
    Answer answer = api().put("/api/v1/credentials/" + service, key, body);
    assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
  }

  private Answer test(String service, Map<String, String> body) {
    return api().post("/api/v1/credentials/" + service + "/test", key, body);
  }

  private static String overOneMib() {
    return "\"" + "x".repeat(1024 * 1024 + 1) + "\"";
  }

  private ApiClient api() {
    return new ApiClient(mvc);
  }
}
