package dev.connectorengine.worker.requestlog;

/** The size of a body as a request log counts it: UTF-8 bytes, counted without encoding. */
public final class SummaryBody {

  /** Characters of a body a request log row keeps. */
  public static final int MAX_CHARS = 2048;

  private SummaryBody() {}

  /** The UTF-8 length of {@code text}; null for no body. */
  public static Long utf8Size(String text) {
    if (text == null) {
      return null;
    }
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
