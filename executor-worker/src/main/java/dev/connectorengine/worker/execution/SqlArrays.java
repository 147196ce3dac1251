package dev.connectorengine.worker.execution;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/** PostgreSQL array literals for {@code CAST(:param AS uuid[])} and friends. */
final class SqlArrays {

  private SqlArrays() {}

  static String uuids(Collection<UUID> ids) {
    return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
  }

  static String ints(Collection<Integer> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }
}
