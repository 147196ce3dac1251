package dev.connectorengine.model.outbound;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * A request to send through the {@link GuardedHttpClient}. May hold credential values: never log
 * it.
 *
 * @param method the HTTP method
 * @param uri the absolute http(s) URL
 * @param headers header name to value ({@code Host} is set by the client)
 * @param body the body text, or null for none; {@code application/json} unless a header says else
 * @param credentialHeaders names of the headers that carry a credential (any case): a redirect to
 *     another origin drops them, as it always drops {@code Authorization}, {@code
 *     Proxy-Authorization} and {@code Cookie}
 * @param credentialQueryParams names of the query parameters that carry a credential (any case): a
 *     redirect to another origin drops them from the location it names
 */
public record OutboundRequest(
    String method,
    URI uri,
    Map<String, String> headers,
    String body,
    Set<String> credentialHeaders,
    Set<String> credentialQueryParams) {

  public OutboundRequest {
    headers = Map.copyOf(headers);
    credentialHeaders = Set.copyOf(credentialHeaders);
    credentialQueryParams = Set.copyOf(credentialQueryParams);
  }

  /** A request whose only credential headers are the standard ones, and no query parameter. */
  public OutboundRequest(String method, URI uri, Map<String, String> headers, String body) {
    this(method, uri, headers, body, Set.of(), Set.of());
  }

  @Override
  public String toString() {
    // Headers and body may carry secrets; the query may too, so only the origin is shown.
    return "OutboundRequest[" + method + " " + uri.getScheme() + "://" + uri.getAuthority() + "]";
  }
}
