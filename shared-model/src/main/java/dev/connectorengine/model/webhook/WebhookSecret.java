package dev.connectorengine.model.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A workspace's webhook signing secret, as Standard Webhooks spells it: {@code whsec_} and the
 * base64 of 32 random bytes; the HMAC key is those bytes. Never log it: {@link #toString()} hides
 * it.
 *
 * @param text the whole secret, prefix included
 */
public record WebhookSecret(String text) {

  /** What every secret starts with. */
  public static final String PREFIX = "whsec_";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int KEY_BYTES = 32;

  public WebhookSecret {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
    }
  }

  /** A new random secret. */
  public static WebhookSecret generate() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
  }

  /** The HMAC key: the base64-decoded bytes after the prefix. */
  public byte[] key() {
    return Base64.getDecoder().decode(text.substring(PREFIX.length()));
  }

  @Override
  public String toString() {
    return "WebhookSecret[hidden]";
  }
}
