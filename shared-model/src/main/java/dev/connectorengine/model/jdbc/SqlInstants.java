package dev.connectorengine.model.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads {@code timestamptz} columns as {@link Instant}s: through {@link OffsetDateTime}, which
 * pgjdbc maps exactly whatever the JVM's or the session's time zone.
 */
public final class SqlInstants {

  private SqlInstants() {}

  /** The column's instant, or null when it is SQL NULL. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
