package dev.connectorengine.worker.retention;

import dev.connectorengine.worker.metrics.WorkerMetrics;
import dev.connectorengine.worker.retention.RetentionReport.Deleted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One retention pass: for each {@link RetentionTable} in turn, batches until a batch comes back
 * short (nothing old is left) or {@value #MAX_BATCHES_PER_TABLE} batches ran; the next pass goes on
 * where this one stopped. Logs and counts what went.
 */
@Component
class RetentionPass {

  /** Bounds one pass, so each table gets its turn and a backlog drains over several passes. */
  static final int MAX_BATCHES_PER_TABLE = 100;

  private static final Logger log = LoggerFactory.getLogger(RetentionPass.class);

  private final RetentionBatches batches;
  private final RetentionSettings settings;
  private final WorkerMetrics metrics;

  RetentionPass(RetentionBatches batches, RetentionSettings settings, WorkerMetrics metrics) {
    this.batches = batches;
    this.settings = settings;
    this.metrics = metrics;
    for (RetentionTable table : RetentionTable.values()) {
      metrics.retentionDeleted(table.table(), 0);
    }
  }

  /** Deletes what is past its retention, at most a bounded number of batches per table. */
  RetentionReport run() {
    List<Deleted> tables = new ArrayList<>();
    boolean lockHeldElsewhere = false;
    for (RetentionTable table : RetentionTable.values()) {
      Drained drained = drain(table);
      tables.add(drained.deleted());
      metrics.retentionDeleted(table.table(), drained.deleted().rows());
      if (drained.lockHeldElsewhere()) {
        lockHeldElsewhere = true;
        break;
      }
    }
    RetentionReport report = new RetentionReport(List.copyOf(tables), lockHeldElsewhere);
    if (report.rows() > 0) {
      log.info(
          "retention: deleted {}",
          report.tables().stream()
              .map(d -> d.rows() + " " + d.table().table() + " in " + d.statements() + " batches")
              .toList());
    }
    return report;
  }

  private Drained drain(RetentionTable table) {
    int batch = settings.batchSize();
    int days = table.defaultDays(settings);
    long rows = 0;
    int statements = 0;
    long longest = 0;
    while (statements < MAX_BATCHES_PER_TABLE) {
      long start = System.nanoTime();
      OptionalInt deleted = batches.deleteBatch(table, days, batch);
      if (deleted.isEmpty()) {
        return new Drained(new Deleted(table, rows, statements, Duration.ofNanos(longest)), true);
      }
      longest = Math.max(longest, System.nanoTime() - start);
      statements++;
      rows += deleted.getAsInt();
      if (deleted.getAsInt() < batch) {
        break;
      }
    }
    return new Drained(new Deleted(table, rows, statements, Duration.ofNanos(longest)), false);
  }

  private record Drained(Deleted deleted, boolean lockHeldElsewhere) {}
}
