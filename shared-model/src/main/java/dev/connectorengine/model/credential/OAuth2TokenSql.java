package dev.connectorengine.model.credential;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The statements of the oauth2 claim protocol over {@code workspace_api_credentials}, for every
 * {@link OAuth2TokenStore} (the workers' and the API's): a refresh may start in either, so both
 * must claim and fence with the very same statements. Named parameters: {@code :id}, {@code
 * :claimId}, {@code :ttlMs}, {@code :token}, {@code :expiresAt}, {@code :sealedValues}.
 */
public final class OAuth2TokenSql {

  private static final String COLUMNS =
      "status, sealed_values, oauth_access_token_sealed, oauth_access_token_expires_at";

  /** The credential's state; maps with {@link #state}. */
  public static final String READ =
      "SELECT " + COLUMNS + " FROM workspace_api_credentials WHERE id = :id";

  /** Takes the refresh claim unless a live one is held; returns the state, as {@link #READ}. */
  public static final String CLAIM =
      """
      UPDATE workspace_api_credentials
         SET oauth_refresh_claimed_by = :claimId,
             oauth_refresh_claimed_until = now() + :ttlMs * interval '1 millisecond'
       WHERE id = :id AND status = 'active'
         AND (oauth_refresh_claimed_until IS NULL OR oauth_refresh_claimed_until < now())
      RETURNING\s"""
          + COLUMNS;

  /**
   * Stores the new token and releases the claim. Fenced on the claim: a PUT that replaced the
   * credential cleared it, and a lapsed claim taken over carries another claim id.
   */
  public static final String SAVE =
      """
      UPDATE workspace_api_credentials
         SET oauth_access_token_sealed = :token, oauth_access_token_expires_at = :expiresAt,
             sealed_values = coalesce(:sealedValues, sealed_values),
             oauth_refresh_claimed_by = NULL, oauth_refresh_claimed_until = NULL
       WHERE id = :id AND oauth_refresh_claimed_by = :claimId
      """;

  /** A refused refresh: the credential needs re-authorisation; fenced on the claim. */
  public static final String NEEDS_REAUTH =
      """
      UPDATE workspace_api_credentials
         SET status = 'needs_reauth', updated_at = now(),
             oauth_access_token_sealed = NULL, oauth_access_token_expires_at = NULL,
             oauth_refresh_claimed_by = NULL, oauth_refresh_claimed_until = NULL
       WHERE id = :id AND oauth_refresh_claimed_by = :claimId
      """;

  /** Gives the claim up without a token; fenced on the claim. */
  public static final String RELEASE =
      """
      UPDATE workspace_api_credentials
         SET oauth_refresh_claimed_by = NULL, oauth_refresh_claimed_until = NULL
       WHERE id = :id AND oauth_refresh_claimed_by = :claimId
      """;

  private OAuth2TokenSql() {}

  /** A row of {@link #READ} or {@link #CLAIM} (a row mapper's shape). */
  public static OAuth2TokenStore.State state(ResultSet rs, int row) throws SQLException {
    OffsetDateTime expiresAt = rs.getObject("oauth_access_token_expires_at", OffsetDateTime.class);
    return new OAuth2TokenStore.State(
        rs.getString("status"),
        rs.getBytes("sealed_values"),
        rs.getBytes("oauth_access_token_sealed"),
        expiresAt == null ? null : expiresAt.toInstant());
  }
}
