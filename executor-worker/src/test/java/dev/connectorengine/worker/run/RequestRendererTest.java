package dev.connectorengine.worker.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.model.connector.HttpRequestSpec;
import dev.connectorengine.model.execution.ExecutionJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RequestRendererTest {

  private final JsonNode context =
      ExecutionJson.read(
          """
          {"input": {"q": "a b&c", "n": 3},
           "steps": {"s1": {"output": {"id": "p-1", "size": 250}}},
           "credentials": {"svc": {"token": "t0k"}}}
          """);

  @Test
  void appends_encoded_query_parameters_and_leaves_out_null_ones() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("q", "{{ input.q }}");
    query.put("missing", "{{ input.nothing }}");
    query.put("n", "{{ input.n }}");

    PreparedRequest request =
        RequestRenderer.render(
            new HttpRequestSpec("get", "https://api.test/x?fixed=1", null, query, null), context);

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.uri()).hasToString("https://api.test/x?fixed=1&q=a%20b%26c&n=3");
  }

  @Test
  void renders_headers_url_path_and_a_body_keeping_types() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer {{ credentials.svc.token }}");
    headers.put("X-Optional", "{{ input.nothing }}");

    PreparedRequest request =
        RequestRenderer.render(
            new HttpRequestSpec(
                "PUT",
                "https://api.test/contacts/{{ steps.s1.output.id }}",
                headers,
                null,
                ExecutionJson.read("{\"employees\": \"{{ steps.s1.output.size }}\"}")),
            context);

    assertThat(request.uri()).hasToString("https://api.test/contacts/p-1");
    assertThat(request.headers()).containsExactly(Map.entry("Authorization", "Bearer t0k"));
    assertThat(ExecutionJson.read(request.body()))
        .isEqualTo(ExecutionJson.read("{\"employees\": 250}"));
  }

  @Test
  void transforms_shape_what_goes_into_the_call() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("q", "{{ input.q | replace: \"&\", \" and \" | uppercase }}");
    query.put("missing", "{{ input.nothing | trim }}");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Count", "{{ input.n | toString }}");

    PreparedRequest request =
        RequestRenderer.render(
            new HttpRequestSpec(
                "POST",
                "https://api.test/{{ steps.s1.output.id | uppercase }}",
                headers,
                query,
                ExecutionJson.read(
                    "{\"size\": \"{{ steps.s1.output.size | toString }}\","
                        + " \"n\": \"{{ input.n | toString | toNumber }}\"}")),
            context);

    assertThat(request.uri()).hasToString("https://api.test/P-1?q=A%20B%20AND%20C");
    assertThat(request.headers()).containsExactly(Map.entry("X-Count", "3"));
    assertThat(ExecutionJson.read(request.body()))
        .isEqualTo(ExecutionJson.read("{\"size\": \"250\", \"n\": 3}"));
  }

  @Test
  void names_the_headers_and_query_parameters_a_credentials_template_filled() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer {{ credentials.svc.token }}");
    headers.put("X-Query", "{{ input.q }}");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("key", "{{credentials.svc.token}}");
    query.put("q", "{{ input.q }}");

    PreparedRequest request =
        RequestRenderer.render(
            new HttpRequestSpec(
                "GET",
                "https://api.test/x?sig%5F1={{ credentials.svc.token }}&id={{ input.n }}",
                headers,
                query,
                null),
            context);

    assertThat(request.uri())
        .hasToString("https://api.test/x?sig%5F1=t0k&id=3&key=t0k&q=a%20b%26c");
    assertThat(request.credentialHeaders()).containsExactly("Authorization");
    assertThat(request.credentialQueryParams()).containsExactlyInAnyOrder("key", "sig_1");
  }

  @Test
  void a_template_without_value_inside_text_fails_naming_it() {
    HttpRequestSpec spec =
        new HttpRequestSpec("GET", "https://api.test/{{ steps.s9.output.id }}/x", null, null, null);

    assertThatThrownBy(() -> RequestRenderer.render(spec, context))
        .isInstanceOf(StepPreparationException.class)
        .hasMessageContaining("steps.s9.output.id");
  }

  @Test
  void a_url_that_is_not_absolute_http_is_refused() {
    HttpRequestSpec spec = new HttpRequestSpec("GET", "ftp://api.test/x", null, null, null);

    assertThatThrownBy(() -> RequestRenderer.render(spec, context))
        .isInstanceOf(StepPreparationException.class)
        .hasMessageContaining("absolute http(s) URL");
  }
}
