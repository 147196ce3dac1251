package dev.connectorengine.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long an answer's {@code Retry-After} header asks the client to wait: whole seconds (what the
 * API's rate limiter sends) or an HTTP date (RFC 9110 allows both).
 */
final class RetryAfter {

  /** The wait when the header is missing or unreadable. */
  static final Duration DEFAULT = Duration.ofSeconds(1);

  /** The longest wait honoured, so a wrong header cannot hold a bench for hours. */
  static final Duration MAX = Duration.ofSeconds(60);

  private RetryAfter() {}

  static Duration of(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return DEFAULT;
    }
    String value = header.strip();
    if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More digits than a long holds is still "a very long time".
      return value.length() > 6 ? MAX : atMostMax(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isBefore(now) ? Duration.ZERO : atMostMax(Duration.between(now, at));
    } catch (DateTimeParseException e) {
      return DEFAULT;
    }
  }

  private static Duration atMostMax(Duration wait) {
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }
}
