package dev.connectorengine.model.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonPathExtractorTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void extracts_each_named_path_with_its_json_type() {
    JsonNode body =
        JSON.readTree(
            """
            {"data": [{"id": 7, "company": "Acme", "tags": ["x"]}], "total": 1.5}
            """);
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("id", "$.data[0].id");
    paths.put("company", "$.data[0].company");
    paths.put("tags", "$.data[0].tags");
    paths.put("total", "$.total");

    JsonNode output = JsonPathExtractor.extract(paths, body);

    assertThat(output)
        .isEqualTo(
            JSON.readTree(
                """
                {"id": 7, "company": "Acme", "tags": ["x"], "total": 1.5}
                """));
  }

  @Test
  void a_path_that_finds_nothing_yields_null() {
    JsonNode output =
        JsonPathExtractor.extract(Map.of("id", "$.data[0].id"), JSON.readTree("{\"data\": []}"));

    assertThat(output.get("id").isNull()).isTrue();
  }

  @Test
  void a_body_that_is_not_json_yields_nulls() {
    assertThat(JsonPathExtractor.extract(Map.of("id", "$.id"), null).get("id").isNull()).isTrue();
  }

  @Test
  void path_problems_are_named() {
    assertThat(JsonPathExtractor.problemWith("$.data[0].id")).isNull();
    assertThat(JsonPathExtractor.problemWith("data.id")).isEqualTo("JSON path must start with $");
    assertThat(JsonPathExtractor.problemWith("$.data[0")).startsWith("invalid JSON path");
    assertThat(JsonPathExtractor.problemWith("$.[")).startsWith("invalid JSON path");
  }
}
