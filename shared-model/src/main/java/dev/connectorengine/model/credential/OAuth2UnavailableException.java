package dev.connectorengine.model.credential;

/**
 * No access token could be had this time: the token endpoint failed (5xx, timeout, connection), it
 * was refused by the SSRF guard, or another refresh did not finish in time. The message holds no
 * secret.
 */
public final class OAuth2UnavailableException extends Exception {

  private final boolean retryable;
  private final boolean targetRefused;

  public OAuth2UnavailableException(String message, boolean retryable, boolean targetRefused) {
    super(message);
    this.retryable = retryable;
    this.targetRefused = targetRefused;
  }

  public static OAuth2UnavailableException transientFailure(String message) {
    return new OAuth2UnavailableException(message, true, false);
  }

  public static OAuth2UnavailableException permanent(String message) {
    return new OAuth2UnavailableException(message, false, false);
  }

  /** Whether asking again later may work (5xx, 429, timeouts, connection failures). */
  public boolean retryable() {
    return retryable;
  }

  /** Whether the SSRF guard refused the token endpoint's address. */
  public boolean targetRefused() {
    return targetRefused;
  }
}
