package dev.connectorengine.worker.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/** PostgreSQL arrays as statement parameters. */
final class SqlArrays {

  private SqlArrays() {}

  /** An array literal for {@code CAST(:param AS uuid[])}. */
  static String uuids(Collection<UUID> ids) {
    return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
  }

  /** An array literal for {@code CAST(:param AS int[])}. */
  static String ints(Collection<Integer> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }

  /**
   * A real JDBC array of {@code elementType} ({@code uuid}, {@code int4}, {@code text}): any text,
   * nulls included, travels as is, with no literal to escape.
   */
  static SqlTypeValue of(String elementType, Object[] values) {
    return new AbstractSqlTypeValue() {
      @Override
      protected Object createTypeValue(Connection connection, int sqlType, String typeName)
          throws SQLException {
        return connection.createArrayOf(elementType, values);
      }
    };
  }
}
