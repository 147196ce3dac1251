package dev.connectorengine.api.requestlog;

import java.net.URI;

/**
 * The call a credential test made, as its request log row keeps it: no body either way (a test's
 * answer is never read back), no query string (the credential may be in it).
 *
 * @param url scheme, host, port and path only; see {@link #urlOf(URI)}
 * @param httpStatus the target's status, or null when it did not answer
 * @param error why the test failed, redacted by the tester, or null
 * @param responseContentType the answer's Content-Type, or null
 * @param responseSize the answer's size in bytes, or null
 */
public record CredentialTestCall(
    String service,
    String method,
    String url,
    Integer httpStatus,
    long latencyMs,
    String error,
    String responseContentType,
    Long responseSize) {

  /** {@code uri} without its query string, fragment and user info. */
  public static String urlOf(URI uri) {
    StringBuilder url = new StringBuilder().append(uri.getScheme()).append("://");
    url.append(uri.getHost());
    if (uri.getPort() >= 0) {
      url.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath();
    return url.append(path == null || path.isEmpty() ? "/" : path).toString();
  }
}
