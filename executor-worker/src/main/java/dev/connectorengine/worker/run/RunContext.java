package dev.connectorengine.worker.run;

import dev.connectorengine.worker.credential.WorkspaceCredentials;
import dev.connectorengine.worker.execution.ClaimedExecution;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document templates of one run read: {@code input}, {@code steps.<id>.output}, {@code
 * steps.<id>.response.{status,body,headers}}, {@code credentials.<service>.<name>}, {@code
 * execution.id} and {@code workspace.id}. It holds credential values, so it is never written out.
 */
final class RunContext {

  private final ObjectNode root;
  private final ObjectNode steps;

  private RunContext(ObjectNode root, ObjectNode steps) {
    this.root = root;
    this.steps = steps;
  }

  static RunContext start(ClaimedExecution execution, WorkspaceCredentials credentials) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    root.set("input", execution.input() == null ? NullNode.getInstance() : execution.input());
    ObjectNode steps = root.putObject("steps");
    root.set("credentials", credentials.asContext());
    root.putObject("execution").put("id", execution.id().toString());
    root.putObject("workspace").put("id", execution.workspaceId().toString());
    return new RunContext(root, steps);
  }

  /** Makes a finished step's output and response visible to the steps after it. */
  void recordStep(String stepId, JsonNode output, HttpAnswer answer) {
    ObjectNode step = steps.putObject(stepId);
    step.set("output", output == null ? NullNode.getInstance() : output);
    if (answer != null) {
      ObjectNode response = step.putObject("response");
      response.put("status", answer.status());
      response.set("body", answer.body());
      ObjectNode headers = response.putObject("headers");
      for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
        headers.put(header.getKey(), String.join(", ", header.getValue()));
      }
    }
  }

  /** Makes an oauth2 credential's current access token readable as {@code accessToken}. */
  void setAccessToken(String service, String token) {
    if (root.get("credentials") instanceof ObjectNode credentials
        && credentials.get(service) instanceof ObjectNode values) {
      values.put("accessToken", token);
    }
  }

  /** The output extracted by an earlier step, or null. */
  JsonNode outputOf(String stepId) {
    JsonNode step = steps.get(stepId);
    return step == null ? null : step.get("output");
  }

  JsonNode document() {
    return root;
  }
}
