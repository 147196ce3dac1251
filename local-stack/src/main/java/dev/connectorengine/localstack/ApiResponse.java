package dev.connectorengine.localstack;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer of the API.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body as text (empty when none)
 */
public record ApiResponse(int status, HttpHeaders headers, String body) {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The body parsed as JSON (a missing node when empty). */
  public JsonNode json() {
    return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /**
   * This answer if it has the expected status.
   *
   * @throws IllegalStateException naming both statuses and showing the body otherwise
   */
  public ApiResponse expect(int expectedStatus) {
    if (status != expectedStatus) {
      throw new IllegalStateException(
          "expected HTTP " + expectedStatus + " but got " + status + ": " + body);
    }
    return this;
  }
}
