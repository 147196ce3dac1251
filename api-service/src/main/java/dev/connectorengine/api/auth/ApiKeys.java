package dev.connectorengine.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Makes API keys ({@code ce_} + 40 url-safe random chars) and the hashes that are stored. */
public final class ApiKeys {

  /** Length of the key prefix stored to let a person recognise a key. */
  public static final int PREFIX_LENGTH = 12;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A new key: 30 random bytes, which are 40 url-safe chars. */
  public static String generate() {
    return "ce_" + randomPart();
  }

  /** A new admin user's key ({@code cea_} + 40 url-safe random chars). */
  public static String generateAdminKey() {
    return "cea_" + randomPart();
  }

  private static String randomPart() {
    byte[] bytes = new byte[30];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form of a key. */
  public static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The part of a key shown in lists. */
  public static String prefix(String key) {
    return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
  }

  /** Compares two secrets in time independent of where they differ. */
  public static boolean sameSecret(String expected, String given) {
    return MessageDigest.isEqual(hash(expected), hash(given));
  }
}
