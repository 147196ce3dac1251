package dev.connectorengine.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

@ApiIntegrationTest
class ProblemsAndOperationsApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void malformed_json_answers_400_problem() {
    String key = api().newWorkspaceKey("Malformed");

    Answer answer = api().post("/api/v1/connectors", key, "{\"name\": \"x\",");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("title").stringValue()).isEqualTo("Bad Request");
    assertThat(answer.json().get("detail").stringValue()).isEqualTo("malformed JSON");
  }

  @Test
  void a_missing_body_answers_400_problem() {
    String key = api().newWorkspaceKey("Empty");

    Answer answer = api().post("/api/v1/connectors", key, "");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void an_unknown_route_answers_404_problem() {
    String key = api().newWorkspaceKey("Routes");

    Answer answer = api().get("/api/v1/nothing-here", key);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void a_malformed_id_answers_400_naming_it() {
    String key = api().newWorkspaceKey("Ids");

    Answer answer = api().get("/api/v1/connectors/not-a-uuid", key);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorFields()).containsExactly("id");
  }

  @Test
  void a_wrong_method_answers_405_problem() {
    String key = api().newWorkspaceKey("Methods");

    Answer answer = api().call(HttpMethod.PATCH, "/api/v1/connectors", key, "{}", Map.of());

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void a_wrong_content_type_answers_415_problem() throws Exception {
    String key = api().newWorkspaceKey("Media");

    var response =
        mvc.perform(
                MockMvcRequestBuilders.post("/api/v1/connectors")
                    .header("Authorization", "Bearer " + key)
                    .contentType(MediaType.TEXT_PLAIN)
                    .content("name=x"))
            .andReturn()
            .getResponse();

    assertThat(response.getStatus()).isEqualTo(415);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
  }

  @Test
  void an_oversized_body_answers_413_problem() {
    String key = api().newWorkspaceKey("Large");
    String big = TestConnectors.ping("x").put("description", "a".repeat(1_100_000)).toString();

    Answer answer = api().post("/api/v1/connectors", key, big);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void an_oversized_body_of_unannounced_length_answers_413_problem() throws Exception {
    String key = api().newWorkspaceKey("Chunked");
    // Many strings under the JSON string limit, together over the body limit.
    var connector = TestConnectors.ping("x");
    var schema = connector.putObject("inputSchema");
    for (int i = 0; i < 20; i++) {
      schema.put("padding" + i, "a".repeat(60_000));
    }
    byte[] big = connector.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);

    var response =
        mvc.perform(
                MockMvcRequestBuilders.post("/api/v1/connectors")
                    .header("Authorization", "Bearer " + key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .with(
                        request -> {
                          // as a chunked upload: no Content-Length, only the stream
                          var chunked =
                              new org.springframework.mock.web.MockHttpServletRequest(
                                  request.getServletContext(), "POST", "/api/v1/connectors") {
                                @Override
                                public long getContentLengthLong() {
                                  return -1;
                                }

                                @Override
                                public int getContentLength() {
                                  return -1;
                                }
                              };
                          chunked.addHeader("Authorization", "Bearer " + key);
                          chunked.setContentType(MediaType.APPLICATION_JSON_VALUE);
                          chunked.setContent(big);
                          return chunked;
                        }))
            .andReturn()
            .getResponse();

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
  }

  @Test
  void openapi_describes_the_api() {
    Answer answer = api().get("/v3/api-docs", null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().at("/paths").propertyNames())
        .contains(
            "/api/v1/connectors",
            "/api/v1/connectors/{id}",
            "/api/v1/connectors/{connectorId}/executions",
            "/api/v1/connectors/{connectorId}/executions/batch",
            "/api/v1/executions/{id}",
            "/api/v1/credentials/{service}",
            "/api/v1/api-keys",
            "/api/v1/api-keys/{id}",
            "/api/v1/audit-log",
            "/api/v1/admin/workspaces");
    assertThat(answer.text()).doesNotContain("ApiPrincipal");
    assertThat(answer.json().at("/paths/~1api~1v1~1api-keys/post/x-required-scope").stringValue())
        .isEqualTo("configure");
    assertThat(answer.json().at("/paths/~1api~1v1~1executions/get/x-required-scope").stringValue())
        .isEqualTo("read");
    assertThat(
            answer
                .json()
                .at(
                    "/paths/~1api~1v1~1connectors~1{connectorId}~1executions~1batch/post"
                        + "/x-required-scope")
                .stringValue())
        .isEqualTo("execute");
  }

  @Test
  void health_reports_the_database_and_kafka() {
    Answer answer = api().get("/actuator/health", null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("status").stringValue()).isEqualTo("UP");
    assertThat(answer.json().at("/components/db/status").stringValue()).isEqualTo("UP");
    assertThat(answer.json().at("/components/kafka/status").stringValue()).isEqualTo("UP");
  }

  @Test
  void prometheus_metrics_are_exposed() {
    Answer answer = api().get("/actuator/prometheus", null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).contains("jvm_memory_used_bytes");
  }
}
