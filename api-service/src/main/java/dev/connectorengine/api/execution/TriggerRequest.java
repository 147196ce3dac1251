package dev.connectorengine.api.execution;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/connectors/{id}/executions}.
 *
 * @param input the run's input, checked against the connector's input schema; absent means {}
 * @param flowRunId the caller's own run id, stored for correlation
 * @param callbackUrl where to report the end of the run (a later issue calls it)
 */
record TriggerRequest(JsonNode input, String flowRunId, String callbackUrl) {

  static final TriggerRequest EMPTY = new TriggerRequest(null, null, null);
}
