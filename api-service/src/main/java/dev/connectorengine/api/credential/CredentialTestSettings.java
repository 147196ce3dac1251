package dev.connectorengine.api.credential;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The credential test call ({@code connector-engine.credential-test.*}).
 *
 * @param timeout the whole call to the caller's URL, redirects included ({@code
 *     CREDENTIAL_TEST_TIMEOUT}, default 10s); an oauth2 token call has its own of the same length
 * @param connectTimeout TCP/TLS connect timeout (default 5s)
 * @param allowPrivateTargets let the call reach loopback, private and metadata addresses; tests and
 *     local runs only ({@code CONNECTOR_ENGINE_ALLOW_PRIVATE_TARGETS}, default false)
 * @param allowedTargets host names and CIDR ranges let through although their addresses are not
 *     public ({@code CONNECTOR_ENGINE_ALLOWED_TARGETS}, comma-separated, default none)
 * @param refreshMargin an oauth2 token this close to expiry is refreshed first (default 60s)
 * @param claimTtl how long an oauth2 refresh claim holds (default 30s)
 */
@ConfigurationProperties("connector-engine.credential-test")
record CredentialTestSettings(
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("false") boolean allowPrivateTargets,
    @DefaultValue List<String> allowedTargets,
    @DefaultValue("60s") Duration refreshMargin,
    @DefaultValue("30s") Duration claimTtl) {

  CredentialTestSettings {
    allowedTargets = allowedTargets == null ? List.of() : List.copyOf(allowedTargets);
    if (timeout.compareTo(claimTtl) >= 0) {
      // A refresh claim must outlive the token call it guards.
      throw new IllegalArgumentException(
          "connector-engine.credential-test.timeout must be shorter than claim-ttl");
    }
  }
}
