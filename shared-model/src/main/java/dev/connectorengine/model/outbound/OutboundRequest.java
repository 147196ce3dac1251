package dev.connectorengine.model.outbound;

import java.net.URI;
import java.util.Map;

/**
 * A request to send through the {@link GuardedHttpClient}. May hold credential values: never log
 * it.
 *
 * @param method the HTTP method
 * @param uri the absolute http(s) URL
 * @param headers header name to value ({@code Host} is set by the client)
 * @param body the body text, or null for none; {@code application/json} unless a header says else
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, String body) {

  public OutboundRequest {
    headers = Map.copyOf(headers);
  }

  @Override
  public String toString() {
    // Headers and body may carry secrets; the query may too, so only the origin is shown.
    return "OutboundRequest[" + method + " " + uri.getScheme() + "://" + uri.getAuthority() + "]";
  }
}
