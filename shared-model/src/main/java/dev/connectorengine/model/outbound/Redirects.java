package dev.connectorengine.model.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * What a request becomes when the {@link GuardedHttpClient} follows a redirect. As browsers do, 303
 * (and 301/302 after a POST) turns it into a GET without a body. Within the origin (scheme, host
 * and port) it keeps everything else. To another origin it keeps no credential: the standard
 * credential headers and the request's own credential headers are dropped, and so are its
 * credential query parameters from the location; a body is never sent there again, so a redirect
 * that would re-send one is refused. A redirect from https to http is refused wherever it points.
 */
final class Redirects {

  /** The statuses that are followed when the answer names a location. */
  static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

  private static final Set<String> STANDARD_CREDENTIAL_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie");

  private Redirects() {}

  /**
   * The request to send to {@code location}, which answered {@code from} with {@code status}.
   *
   * @throws TargetRefusedException when the location is invalid, goes from https to http, or is on
   *     another origin and the body would be sent again
   */
  static OutboundRequest follow(OutboundRequest from, int status, String location)
      throws TargetRefusedException {
    URI next = target(from.uri(), location);
    if (from.uri().getScheme().equalsIgnoreCase("https")
        && "http".equalsIgnoreCase(next.getScheme())) {
      throw new TargetRefusedException(
          "a redirect from https to http (" + next.getHost() + ") is not followed");
    }
    boolean toGet = changesToGet(status, from.method());
    String method = toGet ? "GET" : from.method();
    String body = toGet ? null : from.body();
    if (sameOrigin(from.uri(), next)) {
      return new OutboundRequest(
          method,
          next,
          from.headers(),
          body,
          from.credentialHeaders(),
          from.credentialQueryParams());
    }
    if (body != null) {
      throw new TargetRefusedException(
          "a "
              + status
              + " redirect to another origin would send the request body again; not followed");
    }
    return new OutboundRequest(
        method,
        withoutParameters(next, lowerCase(from.credentialQueryParams())),
        withoutHeaders(from.headers(), lowerCase(from.credentialHeaders())),
        null,
        from.credentialHeaders(),
        from.credentialQueryParams());
  }

  private static URI target(URI from, String location) throws TargetRefusedException {
    try {
      return from.resolve(new URI(location.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new TargetRefusedException("a redirect to an invalid location: " + location);
    }
  }

  // As browsers and the JDK's own redirect policy: 303 turns into GET, and so does a POST on
  // 301/302.
  private static boolean changesToGet(int status, String method) {
    return status == 303 && !method.equals("HEAD")
        || (status == 301 || status == 302) && method.equals("POST");
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost() == null ? "" : b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static Map<String, String> withoutHeaders(Map<String, String> headers, Set<String> own) {
    Map<String, String> kept = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!STANDARD_CREDENTIAL_HEADERS.contains(lower) && !own.contains(lower)) {
            kept.put(name, value);
          }
        });
    return kept;
  }

  // The location's query without those parameters; its fragment is never sent anyway.
  private static URI withoutParameters(URI uri, Set<String> names) {
    if (names.isEmpty() || uri.getRawQuery() == null) {
      return uri;
    }
    StringJoiner kept = new StringJoiner("&", "?", "").setEmptyValue("");
    for (String pair : uri.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
      if (!names.contains(name.toLowerCase(Locale.ROOT))) {
        kept.add(pair);
      }
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + kept);
  }

  private static String decoded(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static Set<String> lowerCase(Set<String> names) {
    return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }
}
