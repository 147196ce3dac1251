package dev.connectorengine.model.credential;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where a credential goes on a request, by its type: api_key in a header ({@code headerName},
 * default {@value #DEFAULT_API_KEY_HEADER}, with an optional {@code prefix}) or in the query
 * parameter {@code queryParam}; bearer and oauth2 as {@code Authorization: Bearer}; basic as {@code
 * Authorization: Basic base64(username:password)}. Holds secrets: never log it.
 *
 * @param header the header name, or null when the credential goes in the query
 * @param headerValue the header's value
 * @param queryParam the query parameter's name, or null when it goes in a header
 * @param queryValue the query parameter's value (not encoded)
 */
public record CredentialPlacement(
    String header, String headerValue, String queryParam, String queryValue) {

  /** The header an api_key goes in when the credential names none. */
  public static final String DEFAULT_API_KEY_HEADER = "X-API-Key";

  /**
   * The placement of a credential.
   *
   * @param accessToken an oauth2 credential's current access token; ignored by other types
   */
  public static CredentialPlacement of(
      CredentialType type, Map<String, String> values, String accessToken) {
    return switch (type) {
      case API_KEY -> {
        String key = values.get("apiKey");
        String query = blankToNull(values.get("queryParam"));
        if (query != null) {
          yield new CredentialPlacement(null, null, query, key);
        }
        String header = blankToNull(values.get("headerName"));
        String prefix = values.getOrDefault("prefix", "");
        yield new CredentialPlacement(
            header == null ? DEFAULT_API_KEY_HEADER : header, prefix + key, null, null);
      }
      case BEARER -> bearer(values.get("token"));
      case BASIC ->
          new CredentialPlacement(
              "Authorization",
              "Basic " + basic(values.get("username"), values.get("password")),
              null,
              null);
      case OAUTH2 -> {
        if (accessToken == null) {
          throw new IllegalArgumentException("an oauth2 credential needs its access token");
        }
        yield bearer(accessToken);
      }
    };
  }

  /**
   * Every form in which a credential's secrets may show up on the wire besides the values
   * themselves (the base64 of basic, URL-encoded values), for redaction.
   */
  public static List<String> derivedSecrets(CredentialType type, Map<String, String> values) {
    List<String> derived = new ArrayList<>();
    if (type == CredentialType.BASIC
        && values.get("username") != null
        && values.get("password") != null) {
      derived.add(basic(values.get("username"), values.get("password")));
    }
    for (Map.Entry<String, String> value : values.entrySet()) {
      if (isSecret(type, value.getKey()) && value.getValue() != null) {
        String encoded = encode(value.getValue());
        if (!encoded.equals(value.getValue())) {
          derived.add(encoded);
        }
      }
    }
    return derived;
  }

  /** Whether a value name holds a secret, rather than a setting such as a header name or URL. */
  public static boolean isSecret(CredentialType type, String valueName) {
    return switch (valueName) {
      case "headerName", "prefix", "queryParam", "tokenUrl", "scopes" -> false;
      default -> true;
    };
  }

  /** Applies the placement: the headers with this one set (replacing any of that name). */
  public Map<String, String> applyTo(Map<String, String> headers) {
    if (header == null) {
      return headers;
    }
    Map<String, String> result = new java.util.LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase(header)) {
            result.put(name, value);
          }
        });
    result.put(header, headerValue);
    return result;
  }

  /** Applies the placement: the URI with this query parameter added, URL-encoded. */
  public URI applyTo(URI uri) {
    if (queryParam == null) {
      return uri;
    }
    String text = uri.toString();
    int fragment = text.indexOf('#');
    String base = fragment < 0 ? text : text.substring(0, fragment);
    String separator =
        base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
    return URI.create(
        base
            + separator
            + encode(queryParam)
            + "="
            + encode(queryValue)
            + (fragment < 0 ? "" : text.substring(fragment)));
  }

  @Override
  public String toString() {
    return header != null
        ? "CredentialPlacement[header=" + header + "]"
        : "CredentialPlacement[query=" + queryParam + "]";
  }

  private static CredentialPlacement bearer(String token) {
    return new CredentialPlacement("Authorization", "Bearer " + token, null, null);
  }

  private static String basic(String username, String password) {
    return Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
