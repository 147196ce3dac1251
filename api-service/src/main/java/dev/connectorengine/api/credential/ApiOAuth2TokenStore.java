package dev.connectorengine.api.credential;

import dev.connectorengine.model.credential.OAuth2TokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  private static final String COLUMNS =
      "status, sealed_values, oauth_access_token_sealed, oauth_access_token_expires_at";

  private static final String READ =
      "SELECT " + COLUMNS + " FROM workspace_api_credentials WHERE id = :id";

  private static final String CLAIM =
      """
      UPDATE workspace_api_credentials
         SET oauth_refresh_claimed_by = :claimId,
             oauth_refresh_claimed_until = now() + :ttlMs * interval '1 millisecond'
       WHERE id = :id AND status = 'active'
         AND (oauth_refresh_claimed_until IS NULL OR oauth_refresh_claimed_until < now())
      RETURNING\s"""
          + COLUMNS;

  private static final String SAVE =
      """
      UPDATE workspace_api_credentials
         SET oauth_access_token_sealed = :token, oauth_access_token_expires_at = :expiresAt,
             sealed_values = coalesce(:sealedValues, sealed_values),
             oauth_refresh_claimed_by = NULL, oauth_refresh_claimed_until = NULL
       WHERE id = :id AND oauth_refresh_claimed_by = :claimId
      """;

  private static final String NEEDS_REAUTH =
      """
      UPDATE workspace_api_credentials
         SET status = 'needs_reauth', updated_at = now(),
             oauth_access_token_sealed = NULL, oauth_access_token_expires_at = NULL,
             oauth_refresh_claimed_by = NULL, oauth_refresh_claimed_until = NULL
       WHERE id = :id AND oauth_refresh_claimed_by = :claimId
      """;

  private static final String RELEASE =
      """
      UPDATE workspace_api_credentials
         SET oauth_refresh_claimed_by = NULL, oauth_refresh_claimed_until = NULL
       WHERE id = :id AND oauth_refresh_claimed_by = :claimId
      """;

  private final JdbcClient jdbc;

  ApiOAuth2TokenStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<State> read(UUID credentialId) {
    return jdbc.sql(READ).param("id", credentialId).query(ApiOAuth2TokenStore::state).optional();
  }

  @Override
  @Transactional
  public Optional<State> claim(UUID credentialId, String claimId, Duration ttl) {
    return jdbc.sql(CLAIM)
        .param("id", credentialId)
        .param("claimId", claimId)
        .param("ttlMs", ttl.toMillis())
        .query(ApiOAuth2TokenStore::state)
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
    return jdbc.sql(SAVE)
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
    return jdbc.sql(NEEDS_REAUTH).param("id", credentialId).param("claimId", claimId).update() == 1;
  }

  @Override
  @Transactional
  public void release(UUID credentialId, String claimId) {
    jdbc.sql(RELEASE).param("id", credentialId).param("claimId", claimId).update();
  }

  private static State state(ResultSet rs, int row) throws SQLException {
    OffsetDateTime expiresAt = rs.getObject("oauth_access_token_expires_at", OffsetDateTime.class);
    return new State(
        rs.getString("status"),
        rs.getBytes("sealed_values"),
        rs.getBytes("oauth_access_token_sealed"),
        expiresAt == null ? null : expiresAt.toInstant());
  }
}
