package dev.connectorengine.model.credential;

import dev.connectorengine.model.outbound.AnswerTooLargeException;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.OutboundAnswer;
import dev.connectorengine.model.outbound.OutboundPermits;
import dev.connectorengine.model.outbound.OutboundRequest;
import dev.connectorengine.model.outbound.TargetRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks an oauth2 credential's token endpoint for an access token, through the SSRF guard: the
 * refresh_token grant when the credential holds a refresh token, else client_credentials. The
 * client authenticates with HTTP Basic (RFC 6749 §2.3.1) and asks for {@code scopes}.
 */
public final class OAuth2TokenClient {

  // RFC 6749 recommends expires_in; without it, the token is used for a short while only.
  static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(5);

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  // The error codes (RFC 6749 §5.2) that say the grant or client is no good.
  private static final Set<String> REFUSALS =
      Set.of(
          "invalid_grant",
          "invalid_client",
          "unauthorized_client",
          "unsupported_grant_type",
          "invalid_scope");
  private static final Pattern ERROR_CODE = Pattern.compile("[\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e]+");

  private final GuardedHttpClient http;
  private final Duration timeout;
  private final Clock clock;
  private final OutboundPermits permits;

  public OAuth2TokenClient(GuardedHttpClient http, Duration timeout, Clock clock) {
    this(http, timeout, clock, OutboundPermits.NONE);
  }

  /**
   * A client whose calls first wait for {@code permits}, at most {@code timeout} (then the endpoint
   * counts as not answering).
   */
  public OAuth2TokenClient(
      GuardedHttpClient http, Duration timeout, Clock clock, OutboundPermits permits) {
    this.http = http;
    this.timeout = timeout;
    this.clock = clock;
    this.permits = permits;
  }

  /**
   * A new access token for the credential whose opened values these are.
   *
   * @throws OAuth2RefusedException when the endpoint refused the grant or the client
   * @throws OAuth2UnavailableException when it failed otherwise, or its address is refused
   */
  public OAuth2Token fetch(String service, Map<String, String> values)
      throws OAuth2RefusedException, OAuth2UnavailableException, InterruptedException {
    return fetch(service, values, () -> false);
  }

  /**
   * As {@link #fetch(String, Map)}, giving up the wait for the endpoint's permit, if any, once
   * {@code abandoned} says so, with an {@link InterruptedException}.
   */
  public OAuth2Token fetch(String service, Map<String, String> values, BooleanSupplier abandoned)
      throws OAuth2RefusedException, OAuth2UnavailableException, InterruptedException {
    String refreshToken = values.get("refreshToken");
    StringJoiner form = new StringJoiner("&");
    if (refreshToken != null && !refreshToken.isBlank()) {
      form.add("grant_type=refresh_token").add("refresh_token=" + encode(refreshToken));
    } else {
      form.add("grant_type=client_credentials");
    }
    String scopes = values.get("scopes");
    if (scopes != null && !scopes.isBlank()) {
      form.add("scope=" + encode(String.join(" ", scopes.strip().split("[\\s,]+"))));
    }
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (encode(values.get("clientId")) + ":" + encode(values.get("clientSecret")))
                    .getBytes(StandardCharsets.UTF_8));
    String where = "token endpoint of credential '" + service + "'";
    OutboundAnswer answer;
    try {
      URI tokenUrl = URI.create(values.get("tokenUrl"));
      if (!permits.await(tokenUrl, timeout, abandoned)) {
        throw OAuth2UnavailableException.transientFailure(
            where + " got no turn at its rate-limited host within " + timeout.toMillis() + " ms");
      }
      answer =
          http.send(
              new OutboundRequest(
                  "POST",
                  tokenUrl,
                  Map.of(
                      "Authorization", "Basic " + basic,
                      "Content-Type", "application/x-www-form-urlencoded",
                      "Accept", "application/json"),
                  form.toString()),
              timeout);
    } catch (TargetRefusedException e) {
      throw new OAuth2UnavailableException(where + " refused: " + e.getMessage(), false, true);
    } catch (AnswerTooLargeException e) {
      // The same endpoint would send the same again.
      throw OAuth2UnavailableException.permanent(where + " sent an " + e.getMessage());
    } catch (HttpTimeoutException e) {
      throw OAuth2UnavailableException.transientFailure(
          where + " did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw OAuth2UnavailableException.transientFailure(
          where + " failed: " + e.getClass().getSimpleName());
    } catch (IllegalArgumentException e) {
      throw OAuth2UnavailableException.permanent(where + " is not a usable URL");
    }
    return read(where, answer);
  }

  private OAuth2Token read(String where, OutboundAnswer answer)
      throws OAuth2RefusedException, OAuth2UnavailableException {
    int status = answer.status();
    JsonNode body = parse(answer);
    if (status == 401 || status == 403) {
      throw new OAuth2RefusedException(where + " answered HTTP " + status + errorCode(body));
    }
    if (status == 400 && REFUSALS.contains(body.path("error").asString(""))) {
      throw new OAuth2RefusedException(where + " answered HTTP 400" + errorCode(body));
    }
    if (status >= 500 || status == 408 || status == 429) {
      throw OAuth2UnavailableException.transientFailure(
          where + " answered HTTP " + status + errorCode(body));
    }
    if (status < 200 || status >= 300) {
      throw OAuth2UnavailableException.permanent(
          where + " answered HTTP " + status + errorCode(body));
    }
    String accessToken = body.path("access_token").asString("");
    if (accessToken.isBlank()) {
      throw OAuth2UnavailableException.permanent(where + " answered without an access_token");
    }
    String tokenType = body.path("token_type").asString("bearer");
    if (!tokenType.equalsIgnoreCase("bearer")) {
      throw OAuth2UnavailableException.permanent(
          where + " granted a token of a type other than bearer");
    }
    JsonNode expiresIn = body.path("expires_in");
    Duration lifetime =
        expiresIn.canConvertToLong() && expiresIn.asLong() > 0
            ? Duration.ofSeconds(expiresIn.asLong())
            : expiresIn.isString() && expiresIn.asString().matches("[0-9]{1,9}")
                ? Duration.ofSeconds(Long.parseLong(expiresIn.asString()))
                : ASSUMED_LIFETIME;
    Instant expiresAt = clock.instant().plus(lifetime);
    String refreshToken = body.path("refresh_token").asString("");
    return new OAuth2Token(accessToken, expiresAt, refreshToken.isBlank() ? null : refreshToken);
  }

  private static JsonNode parse(OutboundAnswer answer) {
    try {
      JsonNode node = MAPPER.readTree(answer.body());
      return node == null ? MAPPER.createObjectNode() : node;
    } catch (JacksonException e) {
      return MAPPER.createObjectNode();
    }
  }

  // Only the RFC 6749 error code, which is a short ASCII word: descriptions may echo input.
  private static String errorCode(JsonNode body) {
    String error = body.path("error").asString("");
    if (error.isEmpty() || error.length() > 64 || !ERROR_CODE.matcher(error).matches()) {
      return "";
    }
    return " (" + error + ")";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
  }
}
