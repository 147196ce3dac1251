package dev.connectorengine.api.template;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/** SQL arrays as statement parameters (a Java array would be expanded into a list of values). */
final class SqlArrays {

  private SqlArrays() {}

  /** A {@code text[]}, or null for null. */
  static Object text(List<String> values) {
    return values == null ? null : of("text", values.toArray());
  }

  /** A {@code uuid[]}. */
  static Object uuid(List<?> values) {
    return of("uuid", values.toArray());
  }

  private static Object of(String elementType, Object[] values) {
    return new AbstractSqlTypeValue() {
      @Override
      protected Object createTypeValue(Connection connection, int sqlType, String typeName)
          throws SQLException {
        return connection.createArrayOf(elementType, values);
      }
    };
  }
}
