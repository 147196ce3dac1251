package dev.connectorengine.api.credential;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.requestlog.CredentialTestCall;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.credential.CredentialPlacement;
import dev.connectorengine.model.credential.CredentialType;
import dev.connectorengine.model.credential.OAuth2RefusedException;
import dev.connectorengine.model.credential.OAuth2TokenRefresher;
import dev.connectorengine.model.credential.OAuth2UnavailableException;
import dev.connectorengine.model.outbound.AnswerTooLargeException;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.OutboundAnswer;
import dev.connectorengine.model.outbound.OutboundRequest;
import dev.connectorengine.model.outbound.TargetRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checks a credential against a URL the caller gives: applies it as a step's {@code auth} would (an
 * oauth2 credential gets its access token first), sends the request through the SSRF guard within
 * the configured time, and records whether the target answered 2xx. No transaction is held while
 * the target or a token endpoint answers; the target's body is never read back to the caller.
 */
@Service
class CredentialTester {

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");
  private static final int MAX_URL_LENGTH = 2048;

  private final CredentialService credentials;
  private final GuardedHttpClient http;
  private final OAuth2TokenRefresher tokens;
  private final CredentialTestSettings settings;

  CredentialTester(
      CredentialService credentials,
      GuardedHttpClient credentialTestHttpClient,
      OAuth2TokenRefresher credentialTestTokenRefresher,
      CredentialTestSettings settings) {
    this.credentials = credentials;
    this.http = credentialTestHttpClient;
    this.tokens = credentialTestTokenRefresher;
    this.settings = settings;
  }

  CredentialTestResult test(ApiPrincipal caller, String service, CredentialTestRequest request) {
    URI url = checkedUrl(request);
    String method = checkedMethod(request);
    CredentialService.TestSubject subject = credentials.open(caller.workspaceId(), service);
    List<String> secrets = secretsOf(subject);
    String accessToken = null;
    if (subject.type() == CredentialType.OAUTH2) {
      try {
        accessToken = tokens.accessToken(subject.id(), caller.workspaceId(), service);
        secrets.add(accessToken);
      } catch (OAuth2RefusedException e) {
        return recorded(
            caller,
            service,
            method,
            url,
            failure(0, "credential '" + service + "' needs re-authorisation"),
            false,
            null);
      } catch (OAuth2UnavailableException e) {
        if (e.targetRefused()) {
          throw refused("values.tokenUrl", e.getMessage());
        }
        return recorded(
            caller, service, method, url, failure(0, redact(e.getMessage(), secrets)), false, null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "the test was interrupted");
      }
    }
    CredentialPlacement placement =
        CredentialPlacement.of(subject.type(), subject.values(), accessToken);
    // A redirect to another origin drops the credential's header or query parameter.
    OutboundRequest outbound =
        new OutboundRequest(
            method,
            placement.applyTo(url),
            placement.applyTo(Map.of()),
            null,
            placement.header() == null ? Set.of() : Set.of(placement.header()),
            placement.queryParam() == null ? Set.of() : Set.of(placement.queryParam()));
    long start = System.nanoTime();
    CredentialTestResult result;
    OutboundAnswer answer = null;
    try {
      answer = http.send(outbound, settings.timeout());
      result = answered(answer.status(), answer.latencyMs());
    } catch (TargetRefusedException e) {
      throw refused("url", e.getMessage());
    } catch (AnswerTooLargeException e) {
      // Its status came first and is all the test needs; the body was never read back anyway.
      result = answered(e.status(), elapsedMs(start));
    } catch (HttpTimeoutException e) {
      result =
          failure(
              elapsedMs(start),
              "no complete answer within " + settings.timeout().toMillis() + " ms");
    } catch (IOException e) {
      result = failure(elapsedMs(start), redact("connection failed: " + describe(e), secrets));
    } catch (IllegalArgumentException e) {
      // A header the client refuses (refused at save since, but older rows may hold one).
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "the credential cannot be sent as a header: replace it",
          List.of(
              new SpecViolation(
                  "values", "holds a header name or value the HTTP client refuses to send")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "the test was interrupted");
    }
    return recorded(caller, service, method, url, result, true, answer);
  }

  /**
   * Records the outcome, audits it, and logs the call to the target, if {@code sent}, in the
   * request log: without the query string, and without the answer's body.
   */
  private CredentialTestResult recorded(
      ApiPrincipal caller,
      String service,
      String method,
      URI url,
      CredentialTestResult result,
      boolean sent,
      OutboundAnswer answer) {
    CredentialTestCall call =
        !sent
            ? null
            : new CredentialTestCall(
                service,
                method,
                CredentialTestCall.urlOf(url),
                result.httpStatus(),
                result.latencyMs(),
                result.error(),
                answer == null ? null : first(answer.headers().get("content-type")),
                answer == null ? null : (long) answer.body().length);
    // The path and query may carry anything; the audit log names the method and host only.
    credentials.recordTest(
        caller, service, result, Map.of("method", method, "host", url.getHost()), call);
    return result;
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static URI checkedUrl(CredentialTestRequest request) {
    String text = request.url();
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("url", "is required");
    }
    if (text.length() > MAX_URL_LENGTH) {
      throw ApiException.badRequest("url", "must be at most " + MAX_URL_LENGTH + " chars");
    }
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw ApiException.badRequest("url", "must be an absolute http:// or https:// URL");
  }

  private static String checkedMethod(CredentialTestRequest request) {
    if (request.method() == null) {
      return "GET";
    }
    if (!METHODS.contains(request.method())) {
      throw ApiException.badRequest("method", "must be GET, HEAD or POST");
    }
    return request.method();
  }

  private static ApiException refused(String field, String reason) {
    return new ApiException(
        HttpStatus.UNPROCESSABLE_CONTENT,
        "the target is refused: " + reason,
        List.of(new SpecViolation(field, reason)));
  }

  private static CredentialTestResult answered(int status, long latencyMs) {
    boolean success = status >= 200 && status < 300;
    return new CredentialTestResult(
        success, status, latencyMs, success ? null : "the target answered HTTP " + status);
  }

  private static CredentialTestResult failure(long latencyMs, String error) {
    return new CredentialTestResult(false, null, latencyMs, error);
  }

  private static List<String> secretsOf(CredentialService.TestSubject subject) {
    List<String> secrets = new ArrayList<>();
    subject
        .values()
        .forEach(
            (name, value) -> {
              if (CredentialPlacement.isSecret(subject.type(), name)) {
                secrets.add(value);
              }
            });
    secrets.addAll(CredentialPlacement.derivedSecrets(subject.type(), subject.values()));
    return secrets;
  }

  private static String redact(String text, List<String> secrets) {
    String result = text;
    for (String secret :
        secrets.stream()
            .filter(s -> s != null && !s.isBlank())
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList()) {
      result = result.replace(secret, "***");
    }
    return result;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if ((message == null || message.isBlank()) && e.getCause() != null) {
      message = e.getCause().getMessage();
    }
    String type = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  private static long elapsedMs(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
