package dev.connectorengine.api.template;

import dev.connectorengine.api.web.ApiException;
import java.util.Locale;

/** Reads the catalogue's query parameters; a bad one answers 400 naming it. */
final class TemplateQueries {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final int MAX_TEXT = 200;

  private TemplateQueries() {}

  static TemplateQuery of(
      String q,
      String category,
      String tag,
      Boolean official,
      Boolean featured,
      String sort,
      Integer limit,
      Integer offset) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw ApiException.badRequest("limit", "must be 1 to " + MAX_LIMIT);
    }
    int from = offset == null ? 0 : offset;
    if (from < 0) {
      throw ApiException.badRequest("offset", "must be 0 or more");
    }
    return new TemplateQuery(
        text(q, "q"),
        text(category, "category"),
        text(tag, "tag") == null ? null : tag.strip().toLowerCase(Locale.ROOT),
        official,
        featured,
        TemplateQuery.Sort.parse(sort),
        size,
        from);
  }

  private static String text(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_TEXT) {
      throw ApiException.badRequest(name, "must be at most " + MAX_TEXT + " chars");
    }
    return value.strip();
  }
}
