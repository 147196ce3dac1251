package dev.connectorengine.worker.testdata;

import dev.connectorengine.model.connector.HttpRequestSpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.integration.ActionBinding;
import dev.connectorengine.model.integration.PaginationSpec;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Steps that call an integration's action, as the API saves them: the action's request (URL = base
 * URL + endpoint) with its binding filled in.
 */
public final class ActionSteps {

  private ActionSteps() {}

  public static ActionStepBuilder actionStep(String id, String baseUrl, String endpoint) {
    return new ActionStepBuilder(id, baseUrl, endpoint);
  }

  /** Builds an action step; every setting has a plain default. */
  public static final class ActionStepBuilder {
    private final String id;
    private final String baseUrl;
    private final String endpoint;
    private UUID actionId = UUID.randomUUID();
    private int version = 1;
    private String input = "{}";
    private JsonNode inputSchema;
    private JsonNode outputSchema;
    private PaginationSpec pagination;
    private Integer cacheTtlSeconds;
    private JsonNode outputMapping;
    private Map<String, String> query = Map.of();
    private Map<String, String> extract = Map.of();

    ActionStepBuilder(String id, String baseUrl, String endpoint) {
      this.id = id;
      this.baseUrl = baseUrl;
      this.endpoint = endpoint;
    }

    public ActionStepBuilder input(String json) {
      input = json;
      return this;
    }

    public ActionStepBuilder inputSchema(String json) {
      inputSchema = ExecutionJson.read(json);
      return this;
    }

    public ActionStepBuilder outputSchema(String json) {
      outputSchema = ExecutionJson.read(json);
      return this;
    }

    public ActionStepBuilder pagination(PaginationSpec value) {
      pagination = value;
      return this;
    }

    public ActionStepBuilder cachedFor(int seconds) {
      cacheTtlSeconds = seconds;
      return this;
    }

    public ActionStepBuilder outputMapping(String json) {
      outputMapping = ExecutionJson.read(json);
      return this;
    }

    public ActionStepBuilder query(Map<String, String> value) {
      query = value;
      return this;
    }

    public ActionStepBuilder extract(Map<String, String> value) {
      extract = value;
      return this;
    }

    /** The same action, as another action or another version of it. */
    public ActionStepBuilder action(UUID id, int actionVersion) {
      actionId = id;
      version = actionVersion;
      return this;
    }

    public StepSpec build() {
      return new StepSpec(
          id,
          "Step " + id,
          new HttpRequestSpec("GET", baseUrl + endpoint, Map.of(), query, null),
          extract,
          null,
          null,
          null,
          null,
          "crm.find-person",
          ExecutionJson.read(input),
          null,
          new ActionBinding(
              UUID.randomUUID(),
              "crm",
              baseUrl,
              actionId,
              "find-person",
              version,
              inputSchema,
              outputSchema,
              pagination,
              cacheTtlSeconds,
              outputMapping));
    }
  }
}
