package dev.connectorengine.worker.webhook;

import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.webhook.WebhookSecret;
import dev.connectorengine.model.webhook.WebhookSecretSql;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The secrets that sign a workspace's deliveries now: the current one, and the previous one while
 * its overlap after a rotation lasts. A workspace whose secret nobody has read yet gets one here,
 * as the API would make it on first read.
 */
@Component
class SigningSecrets {

  private final JdbcClient jdbc;
  private final CredentialSealer sealer;

  SigningSecrets(JdbcClient jdbc, CredentialSealer sealer) {
    this.jdbc = jdbc;
    this.sealer = sealer;
  }

  /** Current first. */
  List<WebhookSecret> of(UUID workspaceId, Instant now) {
    List<WebhookSecret> secrets = read(workspaceId, now);
    if (secrets.isEmpty()) {
      jdbc.sql(WebhookSecretSql.INSERT_IF_MISSING)
          .param("workspaceId", workspaceId)
          .param("sealed", sealer.sealWebhookSecret(workspaceId, WebhookSecret.generate().text()))
          .update();
      secrets = read(workspaceId, now);
    }
    return secrets;
  }

  private List<WebhookSecret> read(UUID workspaceId, Instant now) {
    return jdbc.sql(WebhookSecretSql.SELECT)
        .param("workspaceId", workspaceId)
        .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .query(
            (rs, row) -> {
              List<WebhookSecret> both = new ArrayList<>(2);
              both.add(open(workspaceId, rs.getBytes("sealed_secret")));
              byte[] previous = rs.getBytes("previous_sealed");
              if (previous != null) {
                both.add(open(workspaceId, previous));
              }
              return both;
            })
        .optional()
        .orElse(List.of());
  }

  private WebhookSecret open(UUID workspaceId, byte[] sealed) {
    return new WebhookSecret(sealer.openWebhookSecret(workspaceId, sealed));
  }
}
