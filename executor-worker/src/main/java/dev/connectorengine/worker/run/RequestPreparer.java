package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.credential.CredentialPlacement;
import dev.connectorengine.model.credential.CredentialType;
import dev.connectorengine.model.credential.OAuth2RefusedException;
import dev.connectorengine.model.credential.OAuth2UnavailableException;
import dev.connectorengine.worker.credential.OAuth2Tokens;
import dev.connectorengine.worker.credential.OpenedCredential;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Makes a step's request ready to send: fetches the access tokens of the oauth2 credentials it
 * needs (masked from then on), renders its templates, and applies its {@code auth} credential where
 * the credential's type puts it.
 */
@Component
class RequestPreparer {

  private final OAuth2Tokens tokens;

  RequestPreparer(OAuth2Tokens tokens) {
    this.tokens = tokens;
  }

  /**
   * @param rejected access tokens by service that a target answered 401 to: replaced, not reused
   * @param document what the request's templates read: the run's, or an action's
   * @throws StepPreparationException when a template has no value or the result is no request
   * @throws CredentialUnavailable when an access token cannot be had, with the attempt's outcome
   */
  Prepared prepare(StepSpec step, RunScope scope, Map<String, String> rejected, JsonNode document)
      throws CredentialUnavailable {
    Set<String> needTokens = new TreeSet<>(CredentialReferences.accessTokensIn(step));
    if (step.auth() != null) {
      needTokens.add(step.auth());
    }
    Map<String, String> accessTokens = new HashMap<>();
    for (String service : needTokens) {
      OpenedCredential credential =
          scope
              .credentials()
              .credential(service)
              .orElseThrow(
                  () ->
                      new StepPreparationException(
                          scope.credentials().problemWith(service).orElse(service)));
      if (credential.type() == CredentialType.OAUTH2) {
        String token = accessToken(scope, credential, rejected.get(service));
        scope.redactor().add(token);
        scope.context().setAccessToken(service, token);
        accessTokens.put(service, token);
      }
    }
    PreparedRequest request = RequestRenderer.render(step.request(), document);
    if (step.auth() == null) {
      return new Prepared(request, accessTokens);
    }
    OpenedCredential credential = scope.credentials().credential(step.auth()).orElseThrow();
    CredentialPlacement placement =
        CredentialPlacement.of(
            credential.type(), credential.values(), accessTokens.get(step.auth()));
    return new Prepared(
        new PreparedRequest(
            request.method(),
            placement.applyTo(request.uri()),
            placement.applyTo(request.headers()),
            request.body(),
            withName(request.credentialHeaders(), placement.header()),
            withName(request.credentialQueryParams(), placement.queryParam())),
        accessTokens);
  }

  private static Set<String> withName(Set<String> names, String name) {
    if (name == null) {
      return names;
    }
    Set<String> more = new TreeSet<>(names);
    more.add(name);
    return more;
  }

  private String accessToken(RunScope scope, OpenedCredential credential, String rejected)
      throws CredentialUnavailable {
    String service = credential.service();
    try {
      return tokens.accessToken(
          scope.workspaceId(), credential, () -> scope.signal().stopped() != null, rejected);
    } catch (OAuth2RefusedException e) {
      String reason = "credential '" + service + "' needs re-authorisation";
      throw new CredentialUnavailable(
          new AttemptOutcome.Refused(
              e.getMessage().equals(reason) ? reason : reason + ": " + e.getMessage()));
    } catch (OAuth2UnavailableException e) {
      throw new CredentialUnavailable(
          e.retryable()
              ? new AttemptOutcome.ConnectionFailed(e.getMessage(), 0)
              : new AttemptOutcome.Refused(e.getMessage()));
    } catch (InterruptedException e) {
      throw new CredentialUnavailable(new AttemptOutcome.Interrupted(true, 0));
    }
  }

  /**
   * A request ready to send and the oauth2 access tokens it carries.
   *
   * @param accessTokens token by credential service name
   */
  record Prepared(PreparedRequest request, Map<String, String> accessTokens) {}

  /** No access token this attempt; {@link #outcome()} says whether trying again may help. */
  static final class CredentialUnavailable extends Exception {

    private final transient AttemptOutcome outcome;

    CredentialUnavailable(AttemptOutcome outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }

    AttemptOutcome outcome() {
      return outcome;
    }
  }
}
