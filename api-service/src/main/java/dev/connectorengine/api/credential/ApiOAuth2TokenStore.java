package dev.connectorengine.api.credential;

import dev.connectorengine.model.credential.OAuth2TokenSql;
import dev.connectorengine.model.credential.OAuth2TokenStore;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The oauth2 token columns of {@code workspace_api_credentials} as the API uses them for a test
 * call: the same guarded claim and fenced writes as the workers', so a test never refreshes while a
 * worker does. Each call is its own short transaction (scoped to the caller's workspace); none is
 * held while the token endpoint answers.
 */
@Repository
class ApiOAuth2TokenStore implements OAuth2TokenStore {

  private final JdbcClient jdbc;

  ApiOAuth2TokenStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<State> read(UUID credentialId) {
    return jdbc.sql(OAuth2TokenSql.READ)
        .param("id", credentialId)
        .query(OAuth2TokenSql::state)
        .optional();
  }

  @Override
  @Transactional
  public Optional<State> claim(UUID credentialId, String claimId, Duration ttl) {
    return jdbc.sql(OAuth2TokenSql.CLAIM)
        .param("id", credentialId)
        .param("claimId", claimId)
        .param("ttlMs", ttl.toMillis())
        .query(OAuth2TokenSql::state)
        .optional();
  }

  @Override
  @Transactional
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
            .param("sealedValues", sealedValues, Types.BINARY)
            .update()
        == 1;
  }

  @Override
  @Transactional
  public boolean markNeedsReauth(UUID credentialId, String claimId) {
    return jdbc.sql(OAuth2TokenSql.NEEDS_REAUTH)
            .param("id", credentialId)
            .param("claimId", claimId)
            .update()
        == 1;
  }

  @Override
  @Transactional
  public void release(UUID credentialId, String claimId) {
    jdbc.sql(OAuth2TokenSql.RELEASE).param("id", credentialId).param("claimId", claimId).update();
  }
}
