package dev.connectorengine.model.outbound;

import java.io.IOException;

/**
 * An answer whose body is over the client's limit: it was not read further and its connection was
 * closed. Not a connection failure; the same call would fail the same way again.
 */
public class AnswerTooLargeException extends IOException {

  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;

  private final long limitBytes;
  private final int status;

  public AnswerTooLargeException(long limitBytes, int status) {
    super("answer over " + size(limitBytes));
    this.limitBytes = limitBytes;
    this.status = status;
  }

  /** The status of the answer, which came before its body. */
  public int status() {
    return status;
  }

  /** The limit the answer passed, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }

  /** {@code bytes} as people read it: "10 MiB", "64 KiB" or "1000 bytes". */
  static String size(long bytes) {
    if (bytes >= MIB && bytes % MIB == 0) {
      return bytes / MIB + " MiB";
    }
    if (bytes >= KIB && bytes % KIB == 0) {
      return bytes / KIB + " KiB";
    }
    return bytes + " bytes";
  }
}
