package dev.connectorengine.model.credential;

/**
 * The token endpoint refused the credential (400 {@code invalid_grant} and the like, 401, 403): it
 * needs re-authorisation, and trying again will not help. The message holds no secret.
 */
public final class OAuth2RefusedException extends Exception {

  public OAuth2RefusedException(String message) {
    super(message);
  }
}
