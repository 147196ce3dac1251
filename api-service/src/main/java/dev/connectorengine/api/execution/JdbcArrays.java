package dev.connectorengine.api.execution;

import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/** Real JDBC arrays as statement parameters, the input of batched statements' {@code unnest}. */
final class JdbcArrays {

  private JdbcArrays() {}

  /**
   * An array of {@code elementType} ({@code uuid}, {@code int4}, {@code text}): any text, nulls
   * included, travels as is, with no literal to escape.
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
