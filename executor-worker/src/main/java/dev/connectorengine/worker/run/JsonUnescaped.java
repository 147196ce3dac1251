package dev.connectorengine.worker.run;

import java.util.Arrays;

/**
 * Text with its JSON string escapes ({@code \/}, {@code \"}, {@code \\}, {@code \n}, {@code
 * \u002f}...) decoded, and for each decoded character where it starts in the original text, so that
 * a match in the decoded text maps back to the original. An invalid escape is kept as it is.
 *
 * @param text the decoded text
 * @param origin for each index of {@code text} (and its length), the index in the original text;
 *     null while nothing is decoded
 */
record JsonUnescaped(String text, int[] origin) {

  /** The text as it is: every character from where it stands. */
  static JsonUnescaped of(String raw) {
    return new JsonUnescaped(raw, null);
  }

  /** Where the character at {@code index} of the decoded text (or its end) starts originally. */
  int origin(int index) {
    return origin == null ? index : origin[index];
  }

  /** Whether decoding once more may change the text. */
  boolean hasEscapes() {
    return text.indexOf('\\') >= 0;
  }

  /** This text decoded once more, its origins still in the original text. */
  JsonUnescaped decoded() {
    StringBuilder out = new StringBuilder(text.length());
    int[] from = new int[text.length() + 1];
    int i = 0;
    while (i < text.length()) {
      from[out.length()] = origin(i);
      char c = text.charAt(i);
      int escaped = c == '\\' && i + 1 < text.length() ? shortEscape(text.charAt(i + 1)) : -1;
      if (escaped >= 0) {
        out.append((char) escaped);
        i += 2;
      } else if (c == '\\' && isUnicodeEscape(i)) {
        out.append((char) Integer.parseInt(text, i + 2, i + 6, 16));
        i += 6;
      } else {
        out.append(c);
        i++;
      }
    }
    from[out.length()] = origin(text.length());
    return new JsonUnescaped(out.toString(), Arrays.copyOf(from, out.length() + 1));
  }

  private boolean isUnicodeEscape(int backslash) {
    if (backslash + 6 > text.length() || text.charAt(backslash + 1) != 'u') {
      return false;
    }
    for (int i = backslash + 2; i < backslash + 6; i++) {
      char digit = text.charAt(i);
      if (digit > 'f' || Character.digit(digit, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int shortEscape(char c) {
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      default -> -1;
    };
  }
}
