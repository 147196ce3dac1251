package dev.connectorengine.model.connector;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An HTTP request template. Every string may contain {@code {{ path }}} templates.
 *
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param url absolute http(s) URL
 * @param headers header name to value
 * @param query query parameter name to value; a value rendering to null is left out
 * @param body JSON body, or null for none
 */
public record HttpRequestSpec(
    String method,
    String url,
    Map<String, String> headers,
    Map<String, String> query,
    JsonNode body) {

  public HttpRequestSpec {
    headers = headers == null ? Map.of() : headers;
    query = query == null ? Map.of() : query;
  }
}
