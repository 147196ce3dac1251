package dev.connectorengine.api.webhook;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.webhook.WebhookSecret;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspace's webhook signing secret: made on first read, sealed at rest, opened only to answer
 * the secret calls. Rotation keeps the previous one signing for the overlap the settings give.
 */
@Service
class WebhookSecrets {

  private final WebhookSecretRepository secrets;
  private final CredentialSealer sealer;
  private final AuditLog audit;
  private final WebhookSettings settings;
  private final Clock clock;

  WebhookSecrets(
      WebhookSecretRepository secrets,
      CredentialSealer sealer,
      AuditLog audit,
      WebhookSettings settings,
      Clock clock) {
    this.secrets = secrets;
    this.sealer = sealer;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
  }

  @Transactional
  WebhookSecret current(UUID workspaceId) {
    Instant now = clock.instant();
    byte[] sealed =
        secrets
            .current(workspaceId, now)
            .orElseGet(
                () -> {
                  secrets.insertIfMissing(
                      workspaceId,
                      sealer.sealWebhookSecret(workspaceId, WebhookSecret.generate().text()));
                  return secrets.current(workspaceId, now).orElseThrow();
                });
    return new WebhookSecret(sealer.openWebhookSecret(workspaceId, sealed));
  }

  @Transactional
  WebhookSecret rotate(ApiPrincipal caller) {
    UUID workspaceId = caller.workspaceId();
    Instant now = clock.instant();
    WebhookSecret fresh = WebhookSecret.generate();
    byte[] sealed = sealer.sealWebhookSecret(workspaceId, fresh.text());
    Instant previousUntil = now.plus(settings.secretOverlap());
    if (!secrets.rotate(workspaceId, sealed, now, previousUntil)
        && !secrets.insertIfMissing(workspaceId, sealed)) {
      // Created by a concurrent first read after our update found nothing: rotate that one.
      secrets.rotate(workspaceId, sealed, now, previousUntil);
    }
    audit.record(
        caller,
        AuditAction.WEBHOOK_SECRET_ROTATED,
        workspaceId,
        Map.of("previousSignsUntil", previousUntil.toString()));
    return fresh;
  }
}
