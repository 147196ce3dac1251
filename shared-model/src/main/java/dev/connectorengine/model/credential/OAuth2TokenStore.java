package dev.connectorengine.model.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where oauth2 access tokens and the refresh claim live (columns of {@code
 * workspace_api_credentials}); each service implements it with its own connection. Every write is a
 * guarded UPDATE whose row count decides what happens next.
 */
public interface OAuth2TokenStore {

  /** The credential's state now; empty when it was deleted. */
  Optional<State> read(UUID credentialId);

  /**
   * Takes the refresh claim when nobody holds it or the holder's claim lapsed ({@code UPDATE ...
   * WHERE claimed_until IS NULL OR claimed_until < now()}), for {@code ttl}.
   *
   * @return the credential's state as claimed, or empty when another refresher holds the claim or
   *     the credential is gone or not active
   */
  Optional<State> claim(UUID credentialId, String claimId, Duration ttl);

  /**
   * Writes a new token and releases the claim, fenced on the claim: false when it was lost (it
   * lapsed and another took it, or the credential was replaced or deleted meanwhile).
   *
   * @param sealedValues re-sealed values holding a new refresh token, or null to keep them
   */
  boolean saveToken(
      UUID credentialId,
      String claimId,
      byte[] sealedToken,
      Instant expiresAt,
      byte[] sealedValues);

  /** Marks the credential {@code needs_reauth} and drops its token, fenced on the claim. */
  boolean markNeedsReauth(UUID credentialId, String claimId);

  /** Gives the claim up without a token (the endpoint failed), fenced on it. */
  void release(UUID credentialId, String claimId);

  /**
   * A credential's row as far as tokens go.
   *
   * @param status active, expired, revoked or needs_reauth
   * @param sealedValues the sealed values (with the current refresh token)
   * @param sealedToken the sealed access token, or null
   * @param tokenExpiresAt when it expires, or null
   */
  record State(String status, byte[] sealedValues, byte[] sealedToken, Instant tokenExpiresAt) {}
}
