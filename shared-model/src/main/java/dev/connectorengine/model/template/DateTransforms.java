package dev.connectorengine.model.template;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The {@code dateFormat} transform: reads an ISO-8601 instant ({@code 2024-05-01T10:00:00Z}), an
 * offset date-time ({@code 2024-05-01T12:00:00+02:00}), a local date ({@code 2024-05-01}, taken as
 * midnight UTC) or epoch milliseconds (a number), and writes it in UTC with a {@link
 * DateTimeFormatter} pattern.
 */
final class DateTransforms {

  private DateTransforms() {}

  /** The rule for a pattern already compiled into {@code formatter}. */
  static UnaryOperator<JsonNode> dateFormat(DateTimeFormatter formatter) {
    return value -> {
      ZonedDateTime time = utc(value);
      try {
        return JsonNodeFactory.instance.stringNode(formatter.format(time));
      } catch (DateTimeException e) {
        throw new TemplateException("cannot write the date: " + e.getMessage());
      }
    };
  }

  /**
   * Compiles a pattern.
   *
   * @throws TemplateException when the pattern is not a valid one
   */
  static DateTimeFormatter formatter(String pattern) {
    try {
      return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
    } catch (IllegalArgumentException e) {
      throw new TemplateException(
          "dateFormat pattern \"" + pattern + "\" is not valid: " + e.getMessage());
    }
  }

  private static ZonedDateTime utc(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return Instant.ofEpochMilli(value.longValue()).atZone(ZoneOffset.UTC);
    }
    if (!value.isString()) {
      throw Transforms.mismatch("an ISO-8601 date text or epoch milliseconds", value);
    }
    String text = value.stringValue().strip();
    try {
      return OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notADateTime) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC);
      } catch (DateTimeParseException notADate) {
        throw new TemplateException(
            "'"
                + Transforms.shown(text)
                + "' is not an ISO-8601 instant, date-time with offset or date");
      }
    }
  }
}
