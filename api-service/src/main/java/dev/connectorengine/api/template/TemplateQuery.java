package dev.connectorengine.api.template;

import dev.connectorengine.api.web.ApiException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code GET /api/v1/templates} asks for: filters (each null when not given), the sort and the
 * page.
 *
 * @param q text searched in name, description and category (case-insensitive)
 * @param sort popular (most installed), rating, newest or name
 */
record TemplateQuery(
    String q,
    String category,
    String tag,
    Boolean official,
    Boolean featured,
    Sort sort,
    int limit,
    int offset) {

  /** The orders the catalogue can be read in; the SQL is fixed per sort, never built from input. */
  enum Sort {
    POPULAR("t.install_count DESC, t.id"),
    RATING(
        "(t.rating_sum::float8 / nullif(t.rating_count, 0)) DESC NULLS LAST, t.rating_count DESC,"
            + " t.id"),
    NEWEST("t.created_at DESC, t.id"),
    NAME("lower(t.name), t.id");

    final String orderBy;

    Sort(String orderBy) {
      this.orderBy = orderBy;
    }

    static Sort parse(String value) {
      if (value == null || value.isBlank()) {
        return POPULAR;
      }
      return Arrays.stream(values())
          .filter(s -> s.name().equals(value.strip().toUpperCase(Locale.ROOT)))
          .findFirst()
          .orElseThrow(
              () -> ApiException.badRequest("sort", "must be popular, rating, newest or name"));
    }
  }
}
