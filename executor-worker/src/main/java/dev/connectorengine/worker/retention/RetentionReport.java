package dev.connectorengine.worker.retention;

import java.time.Duration;
import java.util.List;

/**
 * What one pass deleted, per table in the pass's order; {@code lockHeldElsewhere} when another
 * worker was deleting and this pass stopped early.
 */
record RetentionReport(List<Deleted> tables, boolean lockHeldElsewhere) {

  /**
   * One table's share of a pass.
   *
   * @param rows rows deleted
   * @param statements delete statements run, each in its own transaction
   * @param longest the longest of those transactions
   */
  record Deleted(RetentionTable table, long rows, int statements, Duration longest) {}

  long rows() {
    return tables.stream().mapToLong(Deleted::rows).sum();
  }

  Deleted of(RetentionTable table) {
    return tables.stream()
        .filter(deleted -> deleted.table() == table)
        .findFirst()
        .orElse(new Deleted(table, 0, 0, Duration.ZERO));
  }
}
