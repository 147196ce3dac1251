package dev.connectorengine.worker.run;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A response to a step's HTTP call.
 *
 * @param headers lower-cased header names to values
 * @param body the body parsed as JSON, else as a string node; a null node when empty
 * @param bodyText the body as text, for error excerpts
 * @param latencyMs time from sending to the whole body received
 */
record HttpAnswer(
    int status, Map<String, List<String>> headers, JsonNode body, String bodyText, long latencyMs) {

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
