package dev.connectorengine.worker.execution;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/** PostgreSQL array literals as statement parameters. */
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
}
