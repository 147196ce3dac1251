package dev.connectorengine.model.credential;

import dev.connectorengine.model.connector.SpecViolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the optional values that decide where a credential goes, so a bad one is refused when the
 * credential is saved rather than when a run sends it. Messages name the value, never a secret.
 */
public final class CredentialValueRules {

  /** An RFC 9110 token: what a header name may be. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");

  // Headers the connection itself owns (the JDK client refuses to set them, and Host is pinned).
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "host",
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "transfer-encoding",
          "te",
          "trailer",
          "keep-alive");

  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
  private static final Pattern QUERY_PARAM = Pattern.compile("[A-Za-z0-9_.~-]{1,128}");
  // A prefix goes before the key in a header value: visible ASCII and spaces, no line breaks.
  private static final Pattern HEADER_TEXT = Pattern.compile("[\\x20-\\x7e]{0,64}");
  private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e]+");

  private CredentialValueRules() {}

  /** The violations of {@code values} for {@code type}, each naming {@code values.<name>}. */
  public static List<SpecViolation> check(CredentialType type, Map<String, String> values) {
    List<SpecViolation> violations = new ArrayList<>();
    switch (type) {
      case API_KEY -> {
        String header = values.get("headerName");
        if (header != null && !HEADER_NAME.matcher(header).matches()) {
          violations.add(
              new SpecViolation(
                  "values.headerName",
                  "is not a valid header name (letters, digits and !#$%&'*+.^_`|~-)"));
        } else if (header != null && RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
          violations.add(
              new SpecViolation(
                  "values.headerName",
                  "names a header the HTTP client sets itself; choose another one"));
        }
        String query = values.get("queryParam");
        if (query != null && !QUERY_PARAM.matcher(query).matches()) {
          violations.add(
              new SpecViolation(
                  "values.queryParam",
                  "is not a valid query parameter name (1 to 128 letters, digits and _.~-)"));
        }
        noControlCharacters(values, "apiKey", violations);
        String prefix = values.get("prefix");
        if (prefix != null && !HEADER_TEXT.matcher(prefix).matches()) {
          violations.add(
              new SpecViolation(
                  "values.prefix", "must be at most 64 visible ASCII characters or spaces"));
        }
      }
      case BASIC -> {
        String username = values.get("username");
        if (username != null && username.contains(":")) {
          violations.add(new SpecViolation("values.username", "must not contain ':' (RFC 7617)"));
        }
      }
      case OAUTH2 -> {
        String tokenUrl = values.get("tokenUrl");
        if (tokenUrl != null && !isHttpUrl(tokenUrl)) {
          violations.add(
              new SpecViolation("values.tokenUrl", "must be an absolute http:// or https:// URL"));
        }
        String scopes = values.get("scopes");
        if (scopes != null && !scopes.isBlank()) {
          for (String scope : scopes.strip().split("[\\s,]+")) {
            if (!SCOPE.matcher(scope).matches()) {
              violations.add(
                  new SpecViolation(
                      "values.scopes",
                      "holds a scope with a character RFC 6749 does not allow; separate scopes"
                          + " with spaces or commas"));
              break;
            }
          }
        }
      }
      case BEARER -> noControlCharacters(values, "token", violations);
    }
    return violations;
  }

  // A value that goes into a header line may not break it (the message never shows the value).
  private static void noControlCharacters(
      Map<String, String> values, String name, List<SpecViolation> violations) {
    String value = values.get(name);
    if (value != null && CONTROL.matcher(value).find()) {
      violations.add(
          new SpecViolation(
              "values." + name, "must not contain control characters such as line breaks"));
    }
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
