package dev.connectorengine.worker.credential;

import dev.connectorengine.model.credential.OAuth2TokenSql;
import dev.connectorengine.model.credential.OAuth2TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The oauth2 token columns of {@code workspace_api_credentials} for the workers, with the claim
 * protocol's statements ({@link OAuth2TokenSql}) the API runs too.
 */
class JdbcOAuth2TokenStore implements OAuth2TokenStore {

  private final JdbcClient jdbc;

  JdbcOAuth2TokenStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<State> read(UUID credentialId) {
    return jdbc.sql(OAuth2TokenSql.READ)
        .param("id", credentialId)
        .query(OAuth2TokenSql::state)
        .optional();
  }

  @Override
  public Optional<State> claim(UUID credentialId, String claimId, Duration ttl) {
    return jdbc.sql(OAuth2TokenSql.CLAIM)
        .param("id", credentialId)
        .param("claimId", claimId)
        .param("ttlMs", ttl.toMillis())
        .query(OAuth2TokenSql::state)
        .optional();
  }

  @Override
  public boolean saveToken(
      UUID credentialId,
      String claimId,
      byte[] sealedToken,
      Instant expiresAt,
      byte[] sealedValues) {
    return jdbc.sql(OAuth2TokenSql.SAVE)
            .param("id", credentialId)
            .param("claimId", claimId)
            .param("token", sealedToken)
            .param("expiresAt", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
            .param("sealedValues", sealedValues, java.sql.Types.BINARY)
            .update()
        == 1;
  }

  @Override
  public boolean markNeedsReauth(UUID credentialId, String claimId) {
    return jdbc.sql(OAuth2TokenSql.NEEDS_REAUTH)
            .param("id", credentialId)
            .param("claimId", claimId)
            .update()
        == 1;
  }

  @Override
  public void release(UUID credentialId, String claimId) {
    jdbc.sql(OAuth2TokenSql.RELEASE).param("id", credentialId).param("claimId", claimId).update();
  }
}
