package dev.connectorengine.worker.credential;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How credentials are opened ({@code connector-engine.credentials.*}).
 *
 * @param keyset the Tink AEAD keyset as JSON ({@code CREDENTIALS_KEYSET}); required
 * @param oauth2 how oauth2 access tokens are fetched and refreshed
 */
@ConfigurationProperties("connector-engine.credentials")
record CredentialSettings(String keyset, @DefaultValue OAuth2 oauth2) {

  /**
   * oauth2 access tokens ({@code connector-engine.credentials.oauth2.*}).
   *
   * @param refreshMargin a token this close to expiry is refreshed before use ({@code
   *     OAUTH2_REFRESH_MARGIN}, default 60s)
   * @param claimTtl how long one refresher holds the refresh claim; a crashed one's lapses after it
   *     and waiters wait about this long ({@code OAUTH2_REFRESH_CLAIM_TTL}, default 30s)
   * @param pollInterval how often a waiter looks for the token another refresher is getting
   *     (default 100ms)
   * @param tokenTimeout the whole token endpoint call ({@code OAUTH2_TOKEN_TIMEOUT}, default 10s)
   */
  record OAuth2(
      @DefaultValue("60s") Duration refreshMargin,
      @DefaultValue("30s") Duration claimTtl,
      @DefaultValue("100ms") Duration pollInterval,
      @DefaultValue("10s") Duration tokenTimeout) {

    OAuth2 {
      if (tokenTimeout.compareTo(claimTtl) >= 0) {
        // A claim must outlive the call it guards, or a second refresher could start meanwhile.
        throw new IllegalArgumentException(
            "connector-engine.credentials.oauth2.token-timeout must be shorter than claim-ttl");
      }
    }
  }
}
