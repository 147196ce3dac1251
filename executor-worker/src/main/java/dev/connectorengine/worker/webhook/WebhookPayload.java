package dev.connectorengine.worker.webhook;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ExecutionView;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a delivery: {@code {"type", "timestamp", "data"}}, {@code data} being the execution
 * rendered from the same {@link ExecutionView} as {@code GET /api/v1/executions/{id}} answers it.
 */
final class WebhookPayload {

  private WebhookPayload() {}

  /**
   * @param timestamp when the event happened (the run's end), the same on every attempt
   */
  static String render(String type, Instant timestamp, ExecutionView data) {
    JsonMapper json = ExecutionJson.mapper();
    return "{\"type\":"
        + json.writeValueAsString(type)
        + ",\"timestamp\":"
        + json.writeValueAsString(timestamp.toString())
        + ",\"data\":"
        + json.writeValueAsString(data)
        + "}";
  }
}
