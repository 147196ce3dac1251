package dev.connectorengine.model.integration;

import dev.connectorengine.model.connector.RetrySpec;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What an action of an integration does: one typed HTTP call under the integration's base URL. Its
 * templates read the action's own input as {@code input.*} (not the connector's), the integration's
 * credential as {@code credentials.<service>.*}, and {@code execution.id}, {@code workspace.id},
 * {@code step.id}.
 *
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param endpointTemplate path (and query) relative to the integration's base URL, starting with
 *     {@code /}; templates allowed
 * @param headers header name to value; templates allowed
 * @param query query parameter name to value; a value rendering to null is left out
 * @param body JSON body, or null for none; templates allowed
 * @param inputSchema JSON Schema the action's input must satisfy, or null for any object
 * @param outputSchema JSON Schema the answer's body (all pages concatenated) must satisfy, or null
 * @param pagination how to fetch further pages, or null for one call
 * @param retry retry settings of the call, or null for the connector's
 * @param cacheable whether a successful answer is reused for the same input within the TTL
 * @param cacheTtlSeconds how long a cached answer is reused; required when cacheable
 * @param outputMapping an object whose values (templates over {@code input} and {@code
 *     response.status|body|headers}) build the action's output, or null for the whole body
 */
public record ActionSpec(
    String method,
    String endpointTemplate,
    Map<String, String> headers,
    Map<String, String> query,
    JsonNode body,
    JsonNode inputSchema,
    JsonNode outputSchema,
    PaginationSpec pagination,
    RetrySpec retry,
    boolean cacheable,
    Integer cacheTtlSeconds,
    JsonNode outputMapping) {

  public ActionSpec {
    headers = headers == null ? Map.of() : headers;
    query = query == null ? Map.of() : query;
  }
}
