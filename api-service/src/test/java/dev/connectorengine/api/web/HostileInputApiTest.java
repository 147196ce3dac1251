package dev.connectorengine.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiClient.NewKey;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.api.web.HostileRequests.Endpoint;
import dev.connectorengine.api.web.HostileRequests.HostileRequest;
import dev.connectorengine.api.web.HostileRequests.Targets;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile input across every call of the API: never a 5xx, never an answer about another
 * workspace's resources, and every 4xx a problem+json naming its status and title.
 */
@ApiIntegrationTest
@TestPropertySource(
    properties = {
      // The generated requests come faster than any client should: they test input, not the limit.
      "connector-engine.rate-limit.enabled=false",
      // MockMvc would otherwise keep a printout of every request, megabyte bodies included.
      "spring.test.mockmvc.print=none"
    })
class HostileInputApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String CANARY = "sk_live_HOSTILE_CANARY_91b7";
  static final long SEED = Long.getLong("hostile.seed", 20_261_122L);
  static final int REQUESTS_PER_CALL = 80;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;
  // As the tables' owner: the app's own connections see one workspace per transaction.
  final JdbcClient jdbc = TestDatabase.asOwner(DB);

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void generated_hostile_requests_never_fail_inside_never_cross_workspaces_and_always_explain()
      throws Exception {
    String victimKey = api().newWorkspaceKey("Victim");
    String victimConnector = connector(victimKey);
    String victimExecution = execution(victimKey, victimConnector);
    api()
        .put(
            "/api/v1/credentials/victim-only-svc",
            victimKey,
            Map.of("type", "basic", "values", Map.of("username", "v", "password", CANARY)));
    NewKey victimSpare = api().newKey(victimKey, "victim spare", "read");

    String ownKey = api().newWorkspaceKey("Attacker");
    String ownConnector = connector(ownKey);
    Targets targets =
        new Targets(
            ApiIntegrationTest.ADMIN_TOKEN,
            ownKey,
            api().newKey(ownKey, "read only", "read").key(),
            api().newKey(ownKey, "spare", "read").id(),
            ownConnector,
            execution(ownKey, ownConnector),
            "mine",
            victimSpare.id(),
            victimConnector,
            victimExecution,
            "victim-only-svc");
    List<String> victimIds =
        List.of(victimConnector, victimExecution, victimSpare.id(), workspaceOf(victimKey));
    List<Endpoint> endpoints = endpoints();
    int requests = REQUESTS_PER_CALL * endpoints.size();
    System.out.println(
        "hostile input: seed "
            + SEED
            + ", "
            + requests
            + " requests (repeat a run with -Dhostile.seed="
            + SEED
            + ")");
    HostileRequests generator = new HostileRequests(SEED, targets);
    List<String> failures = new ArrayList<>();
    Map<String, Integer> perEndpoint = new TreeMap<>();
    Map<Integer, Integer> perStatus = new TreeMap<>();

    for (int i = 0; i < requests; i++) {
      Endpoint endpoint = endpoints.get(i % endpoints.size());
      HostileRequest request = generator.next(endpoint);
      MockHttpServletResponse response = perform(request);
      perEndpoint.merge(endpoint.toString(), 1, Integer::sum);
      perStatus.merge(response.getStatus(), 1, Integer::sum);
      String problem = check(request, response, victimIds);
      if (problem != null) {
        failures.add("#" + i + " " + problem + "\n    " + request);
      }
    }

    System.out.println("hostile input: answers by status " + perStatus);
    assertThat(failures)
        .as("seed %d: %d of %d requests misbehaved", SEED, failures.size(), requests)
        .isEmpty();
    assertThat(perEndpoint.keySet()).hasSize(endpoints.size());
    assertThat(perEndpoint.values()).allSatisfy(n -> assertThat(n).isEqualTo(REQUESTS_PER_CALL));
    // The other workspace is untouched.
    assertThat(api().get("/api/v1/connectors/" + victimConnector, victimKey).status())
        .isEqualTo(200);
    assertThat(
            api()
                .get("/api/v1/executions/" + victimExecution, victimKey)
                .json()
                .get("status")
                .stringValue())
        .isEqualTo("pending");
    assertThat(api().get("/api/v1/credentials/victim-only-svc", victimKey).json().get("type"))
        .hasToString("\"basic\"");
    assertThat(api().get("/api/v1/connectors", victimSpare.key()).status()).isEqualTo(200);
  }

  @Test
  void nesting_deeper_than_the_limit_answers_400_naming_it() {
    String key = api().newWorkspaceKey("Deep");
    String deep = "{\"a\":".repeat(65) + "1" + "}".repeat(65);
    String connector = connector(key);

    Answer answer =
        api()
            .post(
                "/api/v1/connectors/" + connector + "/executions",
                key,
                "{\"input\": " + deep + "}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("detail").stringValue()).contains("nesting depth").contains("64");
    assertThat(executionsOf(connector)).isZero();
  }

  @Test
  void a_string_longer_than_the_limit_answers_400_naming_it() {
    String key = api().newWorkspaceKey("Long");

    Answer answer =
        api()
            .post(
                "/api/v1/connectors",
                key,
                TestConnectors.ping("long").put("description", "d".repeat(262_145)));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").stringValue())
        .contains("String value length")
        .contains("262144");
  }

  @Test
  void a_nul_character_answers_400_and_writes_nothing() {
    String key = api().newWorkspaceKey("Nul");
    String connector = connector(key);

    Answer name =
        api().post("/api/v1/connectors", key, TestConnectors.ping("bad\u0000name").toString());
    Answer input =
        api()
            .post(
                "/api/v1/connectors/" + connector + "/executions",
                key,
                "{\"input\": {\"x\": \"\\u0000\"}}");

    assertThat(name.status()).isEqualTo(400);
    assertThat(name.json().get("detail").stringValue()).contains("NUL");
    assertThat(input.status()).isEqualTo(400);
    assertThat(executionsOf(connector)).isZero();
    assertThat(
            jdbc.sql("SELECT count(*) FROM connectors WHERE name LIKE 'bad%'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void a_wrong_type_names_the_expected_type_and_never_echoes_the_value() {
    String key = api().newWorkspaceKey("Types");

    Answer values =
        api()
            .put(
                "/api/v1/credentials/crm",
                key,
                "{\"type\": \"bearer\", \"values\": \"" + CANARY + "\"}");
    Answer timeout =
        api()
            .post(
                "/api/v1/connectors",
                key,
                TestConnectors.ping("t").put("timeoutMs", CANARY).toString());
    Answer unquoted =
        api().put("/api/v1/credentials/crm", key, "{\"type\": \"bearer\", \"values\": " + CANARY);

    assertThat(values.status()).isEqualTo(400);
    assertThat(values.errorFields()).containsExactly("values");
    assertThat(values.json().at("/errors/0/message").stringValue()).contains("an object");
    assertThat(timeout.errorFields()).containsExactly("timeoutMs");
    assertThat(timeout.json().at("/errors/0/message").stringValue()).contains("an integer");
    assertThat(unquoted.status()).isEqualTo(400);
    assertThat(List.of(values.text(), timeout.text(), unquoted.text()))
        .allSatisfy(text -> assertThat(text).doesNotContain("CANARY"));
  }

  @Test
  void an_out_of_range_number_names_the_field() {
    String key = api().newWorkspaceKey("Range");

    Answer answer =
        api()
            .post(
                "/api/v1/connectors",
                key,
                TestConnectors.ping("r")
                    .toString()
                    .replaceFirst("\\{", "{\"timeoutMs\": 99999999999,"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorFields()).containsExactly("timeoutMs");
    assertThat(answer.json().at("/errors/0/message").stringValue()).contains("out of range");
  }

  /** Why this answer is wrong, or null when it is fine. */
  private static String check(
      HostileRequest request, MockHttpServletResponse response, List<String> victimIds)
      throws Exception {
    int status = response.getStatus();
    String body = response.getContentAsString();
    if (status >= 500) {
      return "answered " + status + ": " + head(body);
    }
    if (body.contains(CANARY)) {
      return "answered with the other workspace's secret";
    }
    boolean success = status >= 200 && status < 300;
    // OPTIONS lists the methods of a route, the same for any id: it says nothing of a resource.
    if (success && request.method() == HttpMethod.OPTIONS) {
      return body.isEmpty() ? null : "answered OPTIONS with a body: " + head(body);
    }
    if (success && !request.crossIds().isEmpty()) {
      return "answered " + status + " about the other workspace's " + request.crossIds();
    }
    // The admin token acts for the platform: seeing every workspace is what it is for.
    boolean asAdmin =
        ("Bearer " + ApiIntegrationTest.ADMIN_TOKEN).equals(request.headers().get("Authorization"));
    if (success && !asAdmin && victimIds.stream().anyMatch(body::contains)) {
      return "answered " + status + " with an id of the other workspace: " + head(body);
    }
    if (status >= 400) {
      String type = response.getContentType();
      if (type == null || !type.startsWith("application/problem+json")) {
        return "answered " + status + " as " + type + ": " + head(body);
      }
      if (request.method() != HttpMethod.HEAD) { // HEAD answers carry no body by definition
        JsonNode problem = JSON.readTree(body);
        JsonNode title = problem.path("title");
        if (problem.path("status").asInt() != status
            || !title.isString()
            || title.stringValue().isBlank()) {
          return "answered " + status + " with a problem lacking status or title: " + head(body);
        }
      }
    }
    return null;
  }

  private MockHttpServletResponse perform(HostileRequest request) throws Exception {
    MockHttpServletRequestBuilder builder =
        MockMvcRequestBuilders.request(request.method(), request.uri());
    request.headers().forEach(builder::header);
    if (request.body() != null) {
      builder.content(request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (request.contentType() != null && !request.contentType().isEmpty()) {
        builder.header("Content-Type", request.contentType());
      }
    }
    return mvc.perform(builder).andReturn().getResponse();
  }

  /** Every call under {@code /api/v1}, from the handler mappings, with a valid body for each. */
  private List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .keySet()
        .forEach(
            info -> {
              for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/v1/")) {
                  continue;
                }
                for (var method : info.getMethodsCondition().getMethods()) {
                  HttpMethod http = HttpMethod.valueOf(method.name());
                  endpoints.add(
                      new Endpoint(
                          http,
                          pattern,
                          template(http, pattern),
                          pattern.startsWith("/api/v1/admin/")));
                }
              }
            });
    endpoints.sort(Comparator.comparing(Endpoint::toString));
    assertThat(endpoints).hasSizeGreaterThanOrEqualTo(17);
    return endpoints;
  }

  private static Supplier<JsonNode> template(HttpMethod method, String pattern) {
    if (pattern.equals("/api/v1/connectors") || pattern.equals("/api/v1/connectors/{id}")) {
      return () -> TestConnectors.ping("fuzzed");
    }
    if (pattern.startsWith("/api/v1/credentials")) {
      return () -> JSON.readTree("{\"type\": \"bearer\", \"values\": {\"token\": \"t\"}}");
    }
    if (pattern.endsWith("/executions") && method == HttpMethod.POST) {
      return () ->
          JSON.readTree(
              "{\"input\": {\"email\": \"a@b.co\"}, \"flowRunId\": \"f\","
                  + " \"callbackUrl\": \"https://example.com/cb\"}");
    }
    if (pattern.endsWith("/executions/batch")) {
      return () ->
          JSON.readTree(
              "{\"items\": [{\"input\": {\"email\": \"a@b.co\"}, \"flowRunId\": \"f\"},"
                  + " {\"input\": {}, \"idempotencyKey\": \"k\"}]}");
    }
    if (pattern.equals("/api/v1/api-keys")) {
      return () -> JSON.readTree("{\"name\": \"fuzzed\", \"scopes\": [\"read\"]}");
    }
    if (pattern.startsWith("/api/v1/admin/")) {
      return () -> JSON.readTree("{\"name\": \"fuzzed\"}");
    }
    return JSON::createObjectNode;
  }

  private String connector(String key) {
    Answer created = api().post("/api/v1/connectors", key, TestConnectors.ping("target"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private String execution(String key, String connector) {
    Answer triggered = api().post("/api/v1/connectors/" + connector + "/executions", key, Map.of());
    assertThat(triggered.status()).as(triggered.toString()).isEqualTo(202);
    return triggered.json().get("id").stringValue();
  }

  private String workspaceOf(String key) {
    return jdbc.sql("SELECT workspace_id::text FROM api_keys WHERE prefix = ?")
        .param(key.substring(0, 12))
        .query(String.class)
        .single();
  }

  private long executionsOf(String connector) {
    return jdbc.sql("SELECT count(*) FROM connector_executions WHERE connector_id = ?::uuid")
        .param(connector)
        .query(Long.class)
        .single();
  }

  private static String head(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
