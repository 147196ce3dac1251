package dev.connectorengine.api.execution;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code POST /api/v1/connectors/{id}/executions/batch}: many triggers of one connector at once.
 *
 * @param items 1 to 1,000 triggers, answered in this order
 */
record BatchTriggerRequest(@Schema(requiredMode = REQUIRED) List<TriggerItem> items) {

  /**
   * One trigger of a batch.
   *
   * @param input the run's input, checked against the connector's input schema; absent means {}
   * @param idempotencyKey as the single trigger's {@code Idempotency-Key}: a key seen before in the
   *     workspace answers its execution instead of making one
   * @param flowRunId the caller's own run id, stored for correlation
   */
  record TriggerItem(JsonNode input, String idempotencyKey, String flowRunId) {

    /** The input, {} when absent. */
    JsonNode inputOrEmpty() {
      return input == null || input.isNull() ? JsonNodeFactory.instance.objectNode() : input;
    }
  }
}
