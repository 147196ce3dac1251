package dev.connectorengine.api.credential;

import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.credential.OAuth2TokenClient;
import dev.connectorengine.model.credential.OAuth2TokenRefresher;
import dev.connectorengine.model.outbound.AllowedTargets;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.TargetGuard;
import dev.connectorengine.model.outbound.TargetResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The credential test call's outgoing HTTP: the same SSRF guard (and address pinning) as the
 * workers', answers read up to 1 MiB, and the same database-guarded oauth2 refresh.
 */
@Configuration(proxyBeanMethods = false)
class CredentialTestConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CredentialTestConfiguration.class);

  // A test call needs the status only and a token answer is small: neither needs more than this.
  static final long MAX_RESPONSE_BYTES = 1024 * 1024;

  // Closed with the context (AutoCloseable): in-flight calls are aborted.
  @Bean
  GuardedHttpClient credentialTestHttpClient(CredentialTestSettings settings) {
    AllowedTargets allowed =
        AllowedTargets.of(
            settings.allowPrivateTargets(),
            settings.allowedTargets(),
            "connector-engine.credential-test.allowed-targets");
    if (allowed.everything()) {
      log.warn(
          "SSRF guard is open: credential tests may reach loopback, private and metadata"
              + " addresses (CONNECTOR_ENGINE_ALLOW_PRIVATE_TARGETS=true); never in production");
    }
    return new GuardedHttpClient(
        settings.connectTimeout(),
        new TargetGuard(TargetResolver.system(), allowed),
        MAX_RESPONSE_BYTES);
  }

  @Bean
  OAuth2TokenRefresher credentialTestTokenRefresher(
      ApiOAuth2TokenStore store,
      CredentialSealer sealer,
      GuardedHttpClient credentialTestHttpClient,
      CredentialTestSettings settings,
      Clock clock) {
    return new OAuth2TokenRefresher(
        store,
        sealer,
        new OAuth2TokenClient(credentialTestHttpClient, settings.timeout(), clock),
        clock,
        new OAuth2TokenRefresher.Settings(
            settings.refreshMargin(), settings.claimTtl(), Duration.ofMillis(100)),
        "api-" + hostName() + "-" + ProcessHandle.current().pid());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "host";
    }
  }
}
