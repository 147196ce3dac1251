package dev.connectorengine.api.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhooks as the API manages them ({@code connector-engine.webhooks.*}).
 *
 * @param secretOverlap how long after a rotation the previous secret still signs beside the new one
 *     ({@code WEBHOOK_SECRET_OVERLAP}, default 24h)
 * @param allowPrivateTargets let endpoint URLs name loopback, private and metadata addresses; tests
 *     and local runs only ({@code CONNECTOR_ENGINE_ALLOW_PRIVATE_TARGETS}, default false)
 * @param allowedTargets host names and CIDR ranges let through although their addresses are not
 *     public ({@code CONNECTOR_ENGINE_ALLOWED_TARGETS}, comma-separated, default none)
 */
@ConfigurationProperties("connector-engine.webhooks")
record WebhookSettings(
    @DefaultValue("24h") Duration secretOverlap,
    @DefaultValue("false") boolean allowPrivateTargets,
    @DefaultValue List<String> allowedTargets) {

  WebhookSettings {
    allowedTargets = allowedTargets == null ? List.of() : List.copyOf(allowedTargets);
    if (secretOverlap.isNegative()) {
      throw new IllegalArgumentException(
          "connector-engine.webhooks.secret-overlap must not be negative");
    }
  }
}
