package dev.connectorengine.model.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook as Standard Webhooks says: {@code v1,} and the base64 HMAC-SHA256 of {@code
 * <webhook-id>.<webhook-timestamp>.<body>}, one per secret, separated by spaces.
 */
public final class WebhookSignature {

  private WebhookSignature() {}

  /**
   * The {@code webhook-signature} header value.
   *
   * @param messageId the {@code webhook-id} header
   * @param timestamp the {@code webhook-timestamp} header (Unix seconds)
   * @param body the exact body bytes sent
   * @param secrets the secrets that sign, current first; at least one
   */
  public static String header(
      String messageId, long timestamp, byte[] body, List<WebhookSecret> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret signs");
    }
    byte[] prefix = (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    return secrets.stream()
        .map(secret -> "v1," + sign(secret.key(), prefix, body))
        .collect(Collectors.joining(" "));
  }

  private static String sign(byte[] key, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(prefix);
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
