package dev.connectorengine.worker.retention;

import dev.connectorengine.worker.metrics.WorkerMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Empties deleted workspaces: for each one deleted at least {@code RETENTION_PURGE_AFTER} ago,
 * every {@link PurgeTable} in turn, in batches of the retention batch size (each its own short
 * transaction under the retention's advisory lock), until the table has none of its rows left; then
 * marks it purged and writes one audit row with the rows deleted per table. A pass that meets the
 * lock held by another worker stops and the next goes on; a purge resumed that way, or after a
 * restart, counts the rows it deleted itself.
 */
@Component
class WorkspacePurge {

  /** Workspaces one pass takes on; the rest wait for the next. */
  static final int WORKSPACES_PER_PASS = 10;

  private static final Logger log = LoggerFactory.getLogger(WorkspacePurge.class);

  private final DeletedWorkspaces workspaces;
  private final RetentionBatches batches;
  private final RetentionSettings settings;
  private final WorkerMetrics metrics;

  WorkspacePurge(
      DeletedWorkspaces workspaces,
      RetentionBatches batches,
      RetentionSettings settings,
      WorkerMetrics metrics) {
    this.workspaces = workspaces;
    this.batches = batches;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** Purges the deleted workspaces due; answers how many were finished. */
  int run() {
    int finished = 0;
    for (UUID workspace :
        workspaces.toPurge(settings.purgeAfter().toSeconds(), WORKSPACES_PER_PASS)) {
      Map<String, Long> rows = new LinkedHashMap<>();
      for (PurgeTable table : PurgeTable.values()) {
        OptionalInt drained = drain(table, workspace);
        if (drained.isEmpty()) {
          return finished;
        }
        rows.put(table.table(), (long) drained.getAsInt());
      }
      if (workspaces.finish(workspace, rows)) {
        finished++;
        log.info("purge: workspace {} deleted {}", workspace, rows);
      }
    }
    return finished;
  }

  /** Deletes all of the workspace's rows of one table: how many; empty if the lock was taken. */
  private OptionalInt drain(PurgeTable table, UUID workspace) {
    int batch = settings.batchSize();
    int rows = 0;
    while (true) {
      OptionalInt deleted = batches.purgeBatch(table, workspace, batch);
      if (deleted.isEmpty()) {
        return OptionalInt.empty();
      }
      rows += deleted.getAsInt();
      metrics.retentionDeleted(table.table(), deleted.getAsInt());
      if (deleted.getAsInt() < batch) {
        return OptionalInt.of(rows);
      }
    }
  }
}
