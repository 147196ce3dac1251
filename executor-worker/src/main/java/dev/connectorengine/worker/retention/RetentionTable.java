package dev.connectorengine.worker.retention;

import dev.connectorengine.model.execution.ExecutionStatus;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What retention deletes, in the order a pass goes: finished executions, request logs and audit
 * rows by age, then the soft-deleted connectors whose runs are all gone (their versions and
 * statistics go with them by cascade). Each kind is one statement, {@link #deleteBatch}.
 */
enum RetentionTable {
  EXECUTIONS(
      "connector_executions", "created_at", "executionRetentionDays", "t.status IN " + terminal()),
  REQUEST_LOGS("request_logs", "created_at", "requestLogRetentionDays", "true"),
  AUDIT_LOG("audit_log", "created_at", "auditRetentionDays", "true"),
  DELETED_CONNECTORS(
      "connectors",
      "deleted_at",
      "executionRetentionDays",
      """
      t.deleted_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM connector_executions e
                      WHERE e.workspace_id = t.workspace_id AND e.connector_id = t.id)""");

  /**
   * One batch: up to {@code :batch} rows older than their workspace's cut-off (its setting, a whole
   * number of days, else {@code :defaultDays}), oldest first, found through the (workspace_id, age)
   * index one workspace at a time (the order keeps the planner on that index even when most rows
   * are old), deleted by ctid. The database's clock decides the age.
   */
  private static final String DELETE_BATCH =
      """
      DELETE FROM %1$s WHERE ctid = ANY(ARRAY(
        SELECT old.ctid FROM workspaces w
         CROSS JOIN LATERAL (
           SELECT t.ctid FROM %1$s t
            WHERE t.workspace_id = w.id
              AND t.%2$s < now() - make_interval(days => CASE
                    WHEN jsonb_typeof(w.settings -> '%3$s') = 'number'
                    THEN (w.settings ->> '%3$s')::numeric::int
                    ELSE :defaultDays END)
              AND %4$s
            ORDER BY t.%2$s
            LIMIT :batch) old
         LIMIT :batch))
      """;

  private final String table;
  private final String deleteBatch;

  RetentionTable(String table, String ageColumn, String overrideKey, String condition) {
    this.table = table;
    this.deleteBatch = DELETE_BATCH.formatted(table, ageColumn, overrideKey, condition);
  }

  /** The table's name, also the tag of the deleted-rows counter. */
  String table() {
    return table;
  }

  String deleteBatch() {
    return deleteBatch;
  }

  /** The days rows are kept where a workspace does not say otherwise. */
  int defaultDays(RetentionSettings settings) {
    return switch (this) {
      case EXECUTIONS, DELETED_CONNECTORS -> settings.executionDays();
      case REQUEST_LOGS -> settings.requestLogDays();
      case AUDIT_LOG -> settings.auditDays();
    };
  }

  /** Only finished runs go: a pending or running one is never deleted, however old. */
  private static String terminal() {
    return Arrays.stream(ExecutionStatus.values())
        .filter(ExecutionStatus::isTerminal)
        .map(status -> "'" + status.wireName() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
