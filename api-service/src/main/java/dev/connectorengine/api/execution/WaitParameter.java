package dev.connectorengine.api.execution;

import dev.connectorengine.api.web.ApiException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ?wait=} of a trigger or retry: how long the call may wait for the run to end. Written
 * as whole milliseconds or seconds ({@code 1500ms}, {@code 30s}) or as an ISO-8601 duration ({@code
 * PT30S}); 0 to 60 seconds.
 */
final class WaitParameter {

  static final String NAME = "wait";
  static final Duration MAX = Duration.ofSeconds(60);
  private static final Pattern SHORT = Pattern.compile("(\\d{1,6})(ms|s)");
  private static final String FORMAT = "must be like 30s, 1500ms or PT30S, at most 60s";

  private WaitParameter() {}

  /**
   * The wait asked for; null when absent.
   *
   * @throws ApiException 400 naming {@code wait} when malformed or over 60 s
   */
  static Duration parse(String value) {
    if (value == null) {
      return null;
    }
    Duration wait = read(value.trim());
    if (wait == null || wait.isNegative() || wait.compareTo(MAX) > 0) {
      throw ApiException.badRequest(NAME, FORMAT);
    }
    return wait;
  }

  private static Duration read(String value) {
    Matcher m = SHORT.matcher(value);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }
    if (value.startsWith("PT") || value.startsWith("pt")) {
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
