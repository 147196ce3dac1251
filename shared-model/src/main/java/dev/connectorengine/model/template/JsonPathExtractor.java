package dev.connectorengine.model.template;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Extracts named values from a response body with JSON paths ({@code $.data[0].id}), using Jayway
 * JsonPath. A path that finds nothing yields {@code null} rather than an error: an empty search
 * result is a normal answer from an API.
 */
public final class JsonPathExtractor {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final Configuration CONFIGURATION =
      Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS);

  private JsonPathExtractor() {}

  /**
   * Checks that a JSON path compiles.
   *
   * @return null when it does, else the reason
   */
  public static String problemWith(String path) {
    if (path == null || !path.startsWith("$")) {
      return "JSON path must start with $";
    }
    try {
      JsonPath.compile(path);
      return null;
    } catch (RuntimeException e) { // the parser also throws index errors on some inputs
      return "invalid JSON path: " + e.getMessage();
    }
  }

  /**
   * Applies each path to the body.
   *
   * @param paths output name to JSON path
   * @param body the parsed response body (may be null or not JSON at all)
   * @return an object with one field per name, {@code null} where the path found nothing
   */
  public static ObjectNode extract(Map<String, String> paths, JsonNode body) {
    ObjectNode output = MAPPER.createObjectNode();
    if (paths.isEmpty()) {
      return output;
    }
    Object document =
        body == null || body.isNull() || body.isMissingNode()
            ? null
            : MAPPER.convertValue(body, Object.class);
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : paths.entrySet()) {
      Object found =
          document == null
              ? null
              : JsonPath.using(CONFIGURATION).parse(document).read(entry.getValue());
      values.put(
          entry.getKey(), found == null ? NullNode.getInstance() : MAPPER.valueToTree(found));
    }
    values.forEach(output::set);
    return output;
  }

  /**
   * The value at one path in a body.
   *
   * @return the value, or {@link NullNode} when the path finds nothing
   */
  public static JsonNode read(String path, JsonNode body) {
    return extract(Map.of("value", path), body).get("value");
  }

  /**
   * A copy of {@code body} with the value at {@code path} replaced ({@code $} replaces the whole
   * body). The path must point at one place that exists, such as {@code $.data} or {@code
   * $.result.items}.
   *
   * @throws IllegalArgumentException when the path names no single existing place
   */
  public static JsonNode replace(JsonNode body, String path, JsonNode value) {
    if (path.strip().equals("$")) {
      return value;
    }
    Object document = MAPPER.convertValue(body, Object.class);
    try {
      Object changed =
          JsonPath.parse(document).set(path, MAPPER.convertValue(value, Object.class)).json();
      return MAPPER.valueToTree(changed);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot replace the value at " + path + ": " + e.getMessage());
    }
  }
}
