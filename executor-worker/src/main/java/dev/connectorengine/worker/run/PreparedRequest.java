package dev.connectorengine.worker.run;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * A step's request with every template rendered, ready to send. Holds credential values.
 *
 * @param body the JSON body text, or null for none
 * @param credentialHeaders the headers that carry a credential: the {@code auth} placement's and
 *     those rendered from a {@code credentials.} template; never sent to another origin
 * @param credentialQueryParams the query parameters that carry a credential, likewise
 */
record PreparedRequest(
    String method,
    URI uri,
    Map<String, String> headers,
    String body,
    Set<String> credentialHeaders,
    Set<String> credentialQueryParams) {

  PreparedRequest {
    credentialHeaders = Set.copyOf(credentialHeaders);
    credentialQueryParams = Set.copyOf(credentialQueryParams);
  }

  /** A request that carries no credential of its own. */
  PreparedRequest(String method, URI uri, Map<String, String> headers, String body) {
    this(method, uri, headers, body, Set.of(), Set.of());
  }

  /** The same request to another URI, as for an action's next page. */
  PreparedRequest withUri(URI next) {
    return new PreparedRequest(
        method, next, headers, body, credentialHeaders, credentialQueryParams);
  }
}
