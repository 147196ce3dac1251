package dev.connectorengine.api.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list ordered newest first by {@code (created_at, id)}, carried to the client as
 * an opaque string so the ordering can change without breaking clients.
 *
 * @param createdAt the last row's creation time
 * @param id the last row's id, breaking ties between rows created at the same instant
 */
public record KeysetCursor(Instant createdAt, UUID id) {

  /** The opaque text of this cursor. */
  public String encode() {
    String plain = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses a cursor from a previous page, or answers null when there is none.
   *
   * @throws ApiException 400 naming {@code cursor} when the text is not one of ours
   */
  public static KeysetCursor decode(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", 3);
      return new KeysetCursor(
          Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
          UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw ApiException.badRequest("cursor", "is not a cursor returned by this API");
    }
  }

  /**
   * Checks a page size.
   *
   * @throws ApiException 400 naming {@code limit} when outside 1..max
   */
  public static int limit(Integer requested, int defaultLimit, int max) {
    if (requested == null) {
      return defaultLimit;
    }
    if (requested < 1 || requested > max) {
      throw ApiException.badRequest("limit", "must be between 1 and " + max);
    }
    return requested;
  }
}
