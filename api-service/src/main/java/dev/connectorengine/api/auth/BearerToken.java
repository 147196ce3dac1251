package dev.connectorengine.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/** Reads the token of an {@code Authorization: Bearer <token>} header. */
public final class BearerToken {

  private static final String SCHEME = "bearer ";

  private BearerToken() {}

  /** The token, or null when the header is absent, blank or of another scheme. */
  public static String of(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() <= SCHEME.length()) {
      return null;
    }
    if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    String token = header.substring(SCHEME.length()).strip();
    return token.isEmpty() ? null : token;
  }
}
