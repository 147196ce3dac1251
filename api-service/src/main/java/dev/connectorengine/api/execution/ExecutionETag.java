package dev.connectorengine.api.execution;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A strong ETag from an execution's JSON: whatever the worker changes, the tag changes, without
 * relying on every writer bumping a version column.
 */
final class ExecutionETag {

  private ExecutionETag() {}

  static String of(byte[] json) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
