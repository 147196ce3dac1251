package dev.connectorengine.model.execution;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of an execution row: {@code steps_executed} as a camelCase array of {@link StepRecord}
 * (statuses lower-case, instants ISO-8601) and the free-form input and output documents. The API
 * and the worker both read and write rows through it, so the format has one definition.
 */
public final class ExecutionJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final TypeReference<List<StepRecord>> STEP_RECORDS = new TypeReference<>() {};

  private ExecutionJson() {}

  /** The text stored in {@code steps_executed}. */
  public static String writeSteps(List<StepRecord> steps) {
    return MAPPER.writeValueAsString(steps);
  }

  /** Reads {@code steps_executed}; null or blank text is an empty list. */
  public static List<StepRecord> readSteps(String json) {
    return json == null || json.isBlank() ? List.of() : MAPPER.readValue(json, STEP_RECORDS);
  }

  /** Reads a stored JSON document; null stays null. */
  public static JsonNode read(String json) {
    return json == null ? null : MAPPER.readTree(json);
  }

  /** Writes a JSON document for a jsonb column; null stays null (SQL NULL). */
  public static String write(JsonNode value) {
    return value == null ? null : MAPPER.writeValueAsString(value);
  }

  /** The shared mapper, for values of this format only. */
  public static JsonMapper mapper() {
    return MAPPER;
  }
}
