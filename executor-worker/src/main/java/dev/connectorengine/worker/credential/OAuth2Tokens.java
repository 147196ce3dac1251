package dev.connectorengine.worker.credential;

import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.credential.OAuth2RefusedException;
import dev.connectorengine.model.credential.OAuth2TokenClient;
import dev.connectorengine.model.credential.OAuth2TokenRefresher;
import dev.connectorengine.model.credential.OAuth2UnavailableException;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.OutboundPermits;
import dev.connectorengine.worker.WorkerSettings;
import java.time.Clock;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The access tokens of a workspace's oauth2 credentials: cached sealed in the database with their
 * expiry, refreshed by one worker at a time (see {@link OAuth2TokenRefresher}), the token endpoint
 * reached through the same SSRF guard as step requests, and waiting like them for its host's permit
 * when the host's rate is limited (at most the token timeout, then it counts as not answering).
 */
@Component
public class OAuth2Tokens {

  private final OAuth2TokenRefresher refresher;

  OAuth2Tokens(
      JdbcClient jdbc,
      CredentialSealer sealer,
      GuardedHttpClient http,
      OutboundPermits hostRates,
      Clock clock,
      CredentialSettings settings,
      WorkerSettings worker) {
    CredentialSettings.OAuth2 oauth2 = settings.oauth2();
    this.refresher =
        new OAuth2TokenRefresher(
            new JdbcOAuth2TokenStore(jdbc),
            sealer,
            new OAuth2TokenClient(http, oauth2.tokenTimeout(), clock, hostRates),
            clock,
            new OAuth2TokenRefresher.Settings(
                oauth2.refreshMargin(), oauth2.claimTtl(), oauth2.pollInterval()),
            worker.id());
  }

  /**
   * The credential's current access token, refreshed first when it is missing or near expiry.
   *
   * @throws OAuth2RefusedException when the credential needs re-authorisation
   * @throws OAuth2UnavailableException when no token could be had this time
   */
  public String accessToken(UUID workspaceId, OpenedCredential credential)
      throws OAuth2RefusedException, OAuth2UnavailableException, InterruptedException {
    return accessToken(workspaceId, credential, () -> false, null);
  }

  /**
   * As {@link #accessToken(UUID, OpenedCredential)}, giving up while waiting for another worker's
   * refresh once {@code stopped} says the run is stopping, and replacing the cached token when it
   * is {@code rejected} (a target answered 401 to it); null replaces nothing early.
   */
  public String accessToken(
      UUID workspaceId, OpenedCredential credential, BooleanSupplier stopped, String rejected)
      throws OAuth2RefusedException, OAuth2UnavailableException, InterruptedException {
    return refresher.accessToken(
        credential.id(), workspaceId, credential.service(), stopped, rejected);
  }
}
