package dev.connectorengine.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document as a client generator reads it. Also writes it to {@code
 * target/openapi/openapi.json}, which {@code mvn verify} lints (openapi-lint/).
 */
@ApiIntegrationTest
class OpenApiDocumentTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  /** Where the build finds the document to lint. */
  static final Path DOCUMENT = Path.of("target", "openapi", "openapi.json");

  // Bean properties of Jackson's JsonNode: a free-form field rendered as a class, not as {}.
  private static final Set<String> JSON_NODE_PROPERTIES =
      Set.of("valueNode", "containerNode", "missingNode", "nodeType", "embeddedValue");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  JsonNode document() {
    Answer answer = new ApiClient(mvc).get("/v3/api-docs", null);
    assertThat(answer.status()).isEqualTo(200);
    return answer.json();
  }

  @Test
  void the_document_is_written_for_the_build_to_lint() throws IOException {
    JsonNode document = document();
    Files.createDirectories(DOCUMENT.getParent());
    Files.writeString(
        DOCUMENT,
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(document));

    assertThat(document.get("openapi").stringValue()).startsWith("3.1.");
    // Client generators refuse a 3.1 license without an identifier (or url).
    assertThat(document.at("/info/license/identifier").isString()).isTrue();
    assertThat(document.at("/servers").isEmpty()).isFalse();
    assertThat(document.at("/paths").propertyNames()).allMatch(p -> p.startsWith("/api/v1/"));
  }

  @Test
  void every_api_handler_declares_its_operation_id_summary_and_success_answers() {
    List<String> lacking = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              if (isApi(info)) {
                Operation operation = handler.getMethodAnnotation(Operation.class);
                boolean declared =
                    operation != null
                        && !operation.operationId().isBlank()
                        && !operation.summary().isBlank()
                        && Arrays.stream(
                                handler.getMethod().getAnnotationsByType(ApiResponse.class))
                            .anyMatch(r -> r.responseCode().matches("[23]\\d\\d"));
                if (!declared) {
                  lacking.add(handler.toString());
                }
              }
            });
    assertThat(lacking)
        .as("handlers without @Operation(operationId, summary) and a 2xx/3xx @ApiResponse")
        .isEmpty();
  }

  @Test
  void every_operation_has_a_readable_unique_id_security_and_problem_json_errors() {
    Set<String> ids = new HashSet<>();
    operations(document())
        .forEach(
            (where, operation) -> {
              String id = operation.path("operationId").asString("");
              assertThat(id).as(where).matches("[a-z][a-zA-Z]+");
              assertThat(ids.add(id)).as(where + ": duplicate operationId " + id).isTrue();
              assertThat(operation.path("summary").asString("")).as(where).isNotBlank();
              assertThat(operation.at("/security/0").propertyNames())
                  .as(where)
                  .containsExactly(where.contains("/admin/") ? "adminToken" : "apiKey");
              JsonNode responses = operation.get("responses");
              assertThat(responses.propertyNames())
                  .as(where)
                  .anyMatch(c -> c.matches("[23]\\d\\d"));
              assertThat(responses.propertyNames()).as(where).contains("401", "500", "503");
              for (String code : responses.propertyNames()) {
                JsonNode content = responses.get(code).path("content");
                if (code.matches("[45]\\d\\d")) {
                  assertThat(content.propertyNames())
                      .as(where + " " + code)
                      .containsExactly("application/problem+json");
                } else {
                  assertThat(content.propertyNames()).as(where + " " + code).doesNotContain("*/*");
                }
              }
            });
    assertThat(ids).contains("triggerExecution", "getExecution", "createConnector");
  }

  @Test
  void operations_answer_their_real_success_statuses() {
    JsonNode paths = document().get("paths");

    assertThat(codes(paths, "/api/v1/connectors", "post")).contains("201", "422");
    assertThat(codes(paths, "/api/v1/connectors/{id}", "delete")).contains("204", "404");
    assertThat(codes(paths, "/api/v1/connectors/{connectorId}/executions", "post"))
        .contains("202", "404", "409", "422", "429", "413", "415");
    assertThat(codes(paths, "/api/v1/executions/{id}", "get")).contains("200", "304", "404");
    assertThat(codes(paths, "/api/v1/executions/{id}/cancel", "post")).contains("202", "409");
    assertThat(codes(paths, "/api/v1/credentials/{service}", "put")).contains("200", "201");
    // Admin calls: 403 is the admin user's role falling short, never a scope; no rate limit.
    assertThat(codes(paths, "/api/v1/admin/workspaces", "post"))
        .contains("201", "403")
        .doesNotContain("429");
    assertThat(codes(paths, "/api/v1/templates/{id}/install", "post"))
        .contains("201", "404", "422");
    assertThat(codes(paths, "/api/v1/admin/users", "post")).contains("201", "403", "409", "422");
    assertThat(paths.at("/~1api~1v1~1executions~1{id}/get/responses/304/content").isMissingNode())
        .isTrue();
  }

  @Test
  void free_form_json_fields_are_any_json_not_jacksons_bean_properties() {
    JsonNode document = document();
    List<String> blobs = new ArrayList<>();
    findJsonNodeBlobs(document, "#", blobs);
    assertThat(blobs).as("schemas showing JsonNode's getters").isEmpty();

    JsonNode schemas = document.at("/components/schemas");
    for (String field :
        List.of(
            "ConnectorRequest/properties/inputSchema",
            "ConnectorRequest/properties/fieldMappings",
            "Connector/properties/inputSchema",
            "HttpRequestSpec/properties/body",
            "Execution/properties/input",
            "Execution/properties/output",
            "StepRecord/properties/output",
            "TriggerRequest/properties/input",
            "AuditEntry/properties/details")) {
      assertThat(schemas.at("/" + field).isObject()).as(field).isTrue();
      assertThat(schemas.at("/" + field).propertyNames())
          .as(field)
          .doesNotContain("type", "properties", "$ref");
    }
  }

  @Test
  void required_fields_are_the_validated_and_non_null_ones_and_the_rest_may_be_null() {
    JsonNode schemas = document().at("/components/schemas");

    assertThat(strings(schemas.at("/ConnectorRequest/required")))
        .containsExactlyInAnyOrder("name", "steps");
    assertThat(strings(schemas.at("/StepSpec/required")))
        .containsExactlyInAnyOrder("id", "request");
    assertThat(strings(schemas.at("/Execution/required")))
        .contains("id", "connectorId", "status", "steps", "attempt", "createdAt")
        .doesNotContain("finishedAt", "output");
    assertThat(strings(schemas.at("/Execution/properties/finishedAt/type")))
        .containsExactlyInAnyOrder("string", "null");
    assertThat(strings(schemas.at("/Execution/properties/status/type"))).containsExactly("string");
  }

  @Test
  void a_real_problem_answer_matches_the_problem_schema() {
    String key = new ApiClient(mvc).newWorkspaceKey("Problem schema");
    Answer answer = new ApiClient(mvc).get("/api/v1/executions/" + UUID.randomUUID(), key);
    JsonNode problem = document().at("/components/schemas/Problem");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().propertyNames())
        .containsAll(strings(problem.get("required")))
        .allMatch(name -> problem.get("properties").has(name));
  }

  @Test
  void webhooks_describe_the_four_terminal_events_with_their_signature_headers() {
    JsonNode webhooks = document().get("webhooks");

    assertThat(webhooks.propertyNames())
        .containsExactlyInAnyOrder(
            "execution.succeeded",
            "execution.failed",
            "execution.timed_out",
            "execution.cancelled");
    JsonNode failed = webhooks.at("/execution.failed/post");
    assertThat(failed.findValuesAsString("name"))
        .contains("webhook-id", "webhook-timestamp", "webhook-signature");
    assertThat(
            failed
                .at("/requestBody/content/application~1json/schema/allOf/1/properties/type/const")
                .stringValue())
        .isEqualTo("execution.failed");
    JsonNode event = document().at("/components/schemas/ExecutionWebhookEvent");
    assertThat(strings(event.get("required")))
        .containsExactlyInAnyOrder("type", "timestamp", "data");
    assertThat(event.at("/properties/data/$ref").stringValue())
        .isEqualTo("#/components/schemas/Execution");
  }

  private static boolean isApi(RequestMappingInfo info) {
    return info.getPatternValues().stream().anyMatch(p -> p.startsWith("/api/"));
  }

  private static Map<String, JsonNode> operations(JsonNode document) {
    Map<String, JsonNode> operations = new java.util.TreeMap<>();
    JsonNode paths = document.get("paths");
    for (String path : paths.propertyNames()) {
      for (String method : paths.get(path).propertyNames()) {
        operations.put(method + " " + path, paths.get(path).get(method));
      }
    }
    assertThat(operations).isNotEmpty();
    return operations;
  }

  private static Set<String> codes(JsonNode paths, String path, String method) {
    return new HashSet<>(paths.path(path).path(method).path("responses").propertyNames());
  }

  /** The strings of an array, or the one string (a schema's type may be either). */
  private static List<String> strings(JsonNode node) {
    if (node.isString()) {
      return List.of(node.stringValue());
    }
    List<String> values = new ArrayList<>();
    node.forEach(v -> values.add(v.stringValue()));
    return values;
  }

  private static void findJsonNodeBlobs(JsonNode node, String where, List<String> found) {
    if (node.isObject()) {
      JsonNode properties = node.get("properties");
      if (properties != null
          && properties.isObject()
          && properties.propertyNames().stream().anyMatch(JSON_NODE_PROPERTIES::contains)) {
        found.add(where);
      }
      for (String name : node.propertyNames()) {
        findJsonNodeBlobs(node.get(name), where + "/" + name, found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findJsonNodeBlobs(node.get(i), where + "/" + i, found);
      }
    }
  }
}
