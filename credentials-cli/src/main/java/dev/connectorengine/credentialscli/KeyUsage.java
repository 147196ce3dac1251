package dev.connectorengine.credentialscli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which keys of the keyset the stored sealed values need: counted from the ciphertexts' key-id
 * prefixes, without opening anything and without locks. A key no value needs can be removed.
 */
final class KeyUsage {

  /** Values under no key of this keyset (a RAW key, or a key already removed). */
  static final String UNKNOWN = "unknown";

  private static final String SELECT_PREFIXES =
      """
      SELECT substring(%s FROM 1 FOR 5) AS prefix, count(*) AS n
        FROM %s
       WHERE %s IS NOT NULL
       GROUP BY 1
      """;

  private final Map<String, Long> valuesByKey;
  private final Keyset keyset;

  private KeyUsage(Map<String, Long> valuesByKey, Keyset keyset) {
    this.valuesByKey = valuesByKey;
    this.keyset = keyset;
  }

  static KeyUsage count(Connection connection, List<SealedColumn> columns, Keyset keyset)
      throws SQLException {
    Map<String, Long> byKey = new TreeMap<>();
    for (SealedColumn column : columns) {
      String sql =
          SELECT_PREFIXES.formatted(column.name(), column.table().tableName(), column.name());
      try (PreparedStatement statement = connection.prepareStatement(sql);
          ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          OptionalInt keyId = keyset.keyIdOf(rs.getBytes("prefix"));
          String key = keyId.isPresent() ? Integer.toUnsignedString(keyId.getAsInt()) : UNKNOWN;
          byKey.merge(key, rs.getLong("n"), Long::sum);
        }
      }
    }
    return new KeyUsage(byKey, keyset);
  }

  /** Sealed values (cells, not rows) per key id, {@link #UNKNOWN} for no key of the keyset. */
  Map<String, Long> valuesByKey() {
    return valuesByKey;
  }

  /** Values that still need a key other than the primary (re-seal them before retiring keys). */
  long valuesNotUnderPrimary() {
    String primary = Integer.toUnsignedString(keyset.primaryKeyId());
    return valuesByKey.entrySet().stream()
        .filter(entry -> !entry.getKey().equals(primary))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The ids of non-primary keys no stored value needs: safe to remove from the keyset. */
  List<String> removableKeys() {
    return keyset.keyIds().stream()
        .filter(id -> id != keyset.primaryKeyId())
        .map(Integer::toUnsignedString)
        .filter(id -> !valuesByKey.containsKey(id))
        .collect(Collectors.toList());
  }
}
