package dev.connectorengine.api.requestlog;

import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * What the request log list is narrowed to; null fields do not narrow it.
 *
 * @param statusFrom the lowest HTTP status wanted, with {@code statusTo} the highest
 * @param noAnswer only the calls that got no answer ({@code status=error})
 * @param since only calls made at or after it
 * @param until only calls made before it
 */
record RequestLogFilter(
    UUID executionId,
    String integration,
    String action,
    UUID connectorId,
    Integer statusFrom,
    Integer statusTo,
    boolean noAnswer,
    Instant since,
    Instant until) {

  private static final Pattern CODE = Pattern.compile("[1-5][0-9][0-9]");
  private static final Pattern CLASS = Pattern.compile("[1-5]xx");

  /**
   * The filter of the list's query parameters.
   *
   * @param status an HTTP status ({@code 503}), a class ({@code 5xx}) or {@code error} (no answer)
   * @throws ApiException 400 naming the malformed parameter
   */
  static RequestLogFilter of(
      UUID executionId,
      String integration,
      String action,
      UUID connectorId,
      String status,
      String since,
      String until) {
    Integer from = null;
    Integer to = null;
    boolean noAnswer = false;
    if (status != null && !status.isBlank()) {
      String wanted = status.strip().toLowerCase(java.util.Locale.ROOT);
      if (wanted.equals("error")) {
        noAnswer = true;
      } else if (CODE.matcher(wanted).matches()) {
        from = Integer.parseInt(wanted);
        to = from;
      } else if (CLASS.matcher(wanted).matches()) {
        from = (wanted.charAt(0) - '0') * 100;
        to = from + 99;
      } else {
        throw ApiException.badRequest(
            "status", "must be an HTTP status (503), a class (5xx) or error (no answer)");
      }
    }
    Instant after = instant("since", since);
    Instant before = instant("until", until);
    if (after != null && before != null && !after.isBefore(before)) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "since is not earlier than until",
          List.of(
              new SpecViolation("since", "must be earlier than until"),
              new SpecViolation("until", "must be later than since")));
    }
    return new RequestLogFilter(
        executionId,
        blankToNull(integration),
        blankToNull(action),
        connectorId,
        from,
        to,
        noAnswer,
        after,
        before);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Instant instant(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          parameter, "must be an ISO-8601 instant such as 2026-01-31T09:30:00Z");
    }
  }
}
