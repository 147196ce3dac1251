package dev.connectorengine.worker.run;

import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.worker.credential.WorkspaceCredentials;
import dev.connectorengine.worker.execution.ClaimedExecution;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document templates of one run read: {@code input}, {@code steps.<id>.output}, {@code
 * steps.<id>.response.{status,body,headers}}, {@code credentials.<service>.<name>}, {@code
 * execution.id}, {@code workspace.id} and {@code step.id} (the step being rendered). It holds
 * credential values, so it is never written out. Of a finished step's answer it keeps the status,
 * and the body and headers only when later templates read them (see {@link ResponseReferences}).
 */
final class RunContext {

  private final ObjectNode root;
  private final ObjectNode steps;
  private final Set<String> keptResponses;

  private RunContext(ObjectNode root, ObjectNode steps, Set<String> keptResponses) {
    this.root = root;
    this.steps = steps;
    this.keptResponses = keptResponses;
  }

  static RunContext start(
      ClaimedExecution execution, WorkspaceCredentials credentials, Set<String> keptResponses) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    root.set("input", execution.input() == null ? NullNode.getInstance() : execution.input());
    ObjectNode steps = root.putObject("steps");
    root.set("credentials", credentials.asContext());
    root.putObject("execution").put("id", execution.id().toString());
    root.putObject("workspace").put("id", execution.workspaceId().toString());
    return new RunContext(root, steps, Set.copyOf(keptResponses));
  }

  /** Makes {@code step.id} name the step about to be rendered. */
  void enterStep(String stepId) {
    root.putObject("step").put("id", stepId);
  }

  /**
   * Makes a finished step's output and answer visible to the steps after it.
   *
   * @return the answer as kept for later templates, or null when none reads it
   */
  JsonNode recordStep(String stepId, JsonNode output, HttpAnswer answer) {
    ObjectNode step = steps.putObject(stepId);
    step.set("output", output == null ? NullNode.getInstance() : output);
    if (answer == null) {
      return null;
    }
    ObjectNode response = step.putObject("response");
    response.put("status", answer.status());
    if (!keptResponses.contains(stepId)) {
      return null;
    }
    response.set("body", answer.body());
    ObjectNode headers = response.putObject("headers");
    for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
      headers.put(header.getKey(), String.join(", ", header.getValue()));
    }
    return response;
  }

  /** Makes a step finished by an earlier attempt visible again, from its stored record. */
  void restoreStep(StepRecord record) {
    ObjectNode step = steps.putObject(record.id());
    step.set("output", record.output() == null ? NullNode.getInstance() : record.output());
    if (record.response() != null) {
      step.set("response", record.response());
    } else if (record.httpStatus() != null) {
      step.putObject("response").put("status", record.httpStatus());
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

  /**
   * The document an action's own templates read: the action's {@code input} instead of the run's,
   * no {@code steps}; the credentials (and their access tokens as they are set) shared with the
   * run.
   */
  JsonNode actionDocument(JsonNode actionInput) {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.set("input", actionInput);
    for (String shared : List.of("credentials", "execution", "workspace", "step")) {
      document.set(shared, root.get(shared));
    }
    return document;
  }
}
