package dev.connectorengine.model.credential;

import java.time.Instant;

/**
 * What a token endpoint granted. Holds secrets: never log it.
 *
 * @param accessToken the access token
 * @param expiresAt when it stops working, from {@code expires_in}
 * @param refreshToken a new refresh token that replaces the stored one, or null when none came
 */
public record OAuth2Token(String accessToken, Instant expiresAt, String refreshToken) {

  @Override
  public String toString() {
    return "OAuth2Token[expiresAt=" + expiresAt + "]";
  }
}
