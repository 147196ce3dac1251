package dev.connectorengine.model.outbound;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The answer to an {@link OutboundRequest}.
 *
 * @param status the HTTP status
 * @param headers lower-cased header names to values
 * @param body the whole body
 * @param latencyMs time from sending to the whole body received, redirects included
 */
public record OutboundAnswer(
    int status, Map<String, List<String>> headers, byte[] body, long latencyMs) {

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Whether the status is 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
