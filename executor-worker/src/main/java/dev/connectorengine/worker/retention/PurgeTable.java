package dev.connectorengine.worker.retention;

/**
 * What the purge of a deleted workspace deletes, in the order it goes: every table holding the
 * workspace's rows, children before parents, so no delete waits on a foreign key (cascades find
 * nothing left). Each is one statement, {@link #deleteBatch}. What stays is the tombstone: the
 * workspace row and the purge's audit row. {@code WorkspacePurgeTest} compares this list with every
 * table that has a {@code workspace_id} column: a new one must be added here (and to V19's grants).
 */
enum PurgeTable {
  WEBHOOK_DELIVERIES("webhook_deliveries"),
  EXECUTION_EVENT_OUTBOX("execution_event_outbox"),
  REQUEST_LOGS("request_logs"),
  EXECUTIONS("connector_executions"),
  ACTION_ANSWER_CACHE("action_answer_cache"),
  INTEGRATION_ACTIONS("integration_actions"),
  INTEGRATIONS("integrations"),
  WEBHOOK_ENDPOINTS("webhook_endpoints"),
  CONNECTOR_STATISTICS("connector_execution_stats"),
  CONNECTOR_VERSIONS("connector_versions"),
  CONNECTORS("connectors"),
  WEBHOOK_SECRETS("webhook_secrets"),
  CREDENTIALS("workspace_api_credentials"),
  TEMPLATE_RATINGS("template_ratings"),
  /** The templates it published; other workspaces' ratings of them go by cascade. */
  TEMPLATES("connector_templates", "published_by_workspace"),
  WORKSPACE_USAGE("workspace_usage"),
  API_KEY_USAGE("api_key_usage"),
  API_KEYS("api_keys"),
  AUDIT_LOG("audit_log");

  /**
   * One batch: up to {@code :batch} rows of the workspace, found by its column, deleted by ctid.
   */
  private static final String DELETE_BATCH =
      """
      DELETE FROM %1$s WHERE ctid = ANY(ARRAY(
        SELECT t.ctid FROM %1$s t WHERE t.%2$s = :workspaceId LIMIT :batch))
      """;

  private final String table;
  private final String column;
  private final String deleteBatch;

  PurgeTable(String table) {
    this(table, "workspace_id");
  }

  PurgeTable(String table, String column) {
    this.table = table;
    this.column = column;
    this.deleteBatch = DELETE_BATCH.formatted(table, column);
  }

  String table() {
    return table;
  }

  /** The column that names the workspace a row belongs to. */
  String column() {
    return column;
  }

  String deleteBatch() {
    return deleteBatch;
  }
}
