package dev.connectorengine.api.webhook;

import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.outbound.AllowedTargets;
import dev.connectorengine.model.outbound.TargetGuard;
import dev.connectorengine.model.outbound.TargetRefusedException;
import dev.connectorengine.model.outbound.TargetResolver;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a webhook URL or a trigger's {@code callbackUrl} must be when it is saved: absolute http(s),
 * at most 2,000 characters, and a target the SSRF guard lets through (the worker checks it again on
 * every call: DNS may change). A host that does not resolve yet is accepted; its calls fail and are
 * retried.
 */
@Component
public class WebhookUrlRules {

  private static final int MAX_LENGTH = 2_000;

  private final TargetGuard guard;

  WebhookUrlRules(WebhookSettings settings) {
    this.guard =
        new TargetGuard(
            TargetResolver.system(),
            AllowedTargets.of(
                settings.allowPrivateTargets(),
                settings.allowedTargets(),
                "connector-engine.webhooks.allowed-targets"));
  }

  /** Why {@code url} may not be used, naming {@code field}; empty when it may. */
  public Optional<SpecViolation> problem(String field, String url) {
    if (url == null || url.isBlank()) {
      return Optional.of(new SpecViolation(field, "is required"));
    }
    if (url.length() > MAX_LENGTH) {
      return Optional.of(new SpecViolation(field, "is longer than " + MAX_LENGTH + " characters"));
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of(new SpecViolation(field, "is not a valid URL: " + e.getReason()));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      return Optional.of(new SpecViolation(field, "must be an absolute http or https URL"));
    }
    if (uri.getHost() == null) {
      return Optional.of(new SpecViolation(field, "has no host"));
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of(new SpecViolation(field, "must not carry user information"));
    }
    try {
      guard.check(uri);
      return Optional.empty();
    } catch (TargetRefusedException e) {
      return Optional.of(new SpecViolation(field, "is not allowed: " + e.getMessage()));
    } catch (UnknownHostException e) {
      // Not yet, perhaps: every call checks again, and one that cannot resolve is retried.
      return Optional.empty();
    }
  }
}
