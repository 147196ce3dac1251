package dev.connectorengine.worker.requestlog;

import java.net.URI;

/** A request's URL as a request log keeps it: credential values may sit in the query string. */
public final class RequestUrls {

  private RequestUrls() {}

  /** Scheme, host, port (when given) and path; no query string, no fragment, no user info. */
  public static String withoutQuery(URI uri) {
    StringBuilder url = new StringBuilder();
    if (uri.getScheme() != null) {
      url.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      url.append(uri.getHost());
    }
    if (uri.getPort() >= 0) {
      url.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath();
    url.append(path == null || path.isEmpty() ? "/" : path);
    return url.toString();
  }
}
