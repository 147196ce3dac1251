package dev.connectorengine.worker.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long executions, request logs and audit rows are kept, and when deleted workspaces are purged
 * ({@code connector-engine.worker.retention.*}). A workspace's settings may override each number of
 * days ({@code executionRetentionDays}, {@code requestLogRetentionDays}, {@code
 * auditRetentionDays}). Every worker runs the job; an advisory lock lets one delete at a time.
 *
 * @param enabled whether this worker deletes old rows at all ({@code RETENTION_ENABLED})
 * @param interval pause between two passes ({@code RETENTION_INTERVAL})
 * @param batchSize most rows one delete statement, and so one transaction, removes ({@code
 *     RETENTION_BATCH_SIZE})
 * @param executionDays days a finished execution is kept, and a soft-deleted connector after its
 *     deletion ({@code RETENTION_EXECUTION_DAYS})
 * @param requestLogDays days a request log row is kept ({@code RETENTION_REQUEST_LOG_DAYS})
 * @param auditDays days an audit row is kept ({@code RETENTION_AUDIT_DAYS})
 * @param purgeAfter how long after its deletion a workspace's rows are purged ({@code
 *     RETENTION_PURGE_AFTER}): longer than the longest run (one hour), so none of its runs is still
 *     writing
 */
@ConfigurationProperties("connector-engine.worker.retention")
record RetentionSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1m") Duration interval,
    @DefaultValue("1000") int batchSize,
    @DefaultValue("30") int executionDays,
    @DefaultValue("30") int requestLogDays,
    @DefaultValue("365") int auditDays,
    @DefaultValue("2h") Duration purgeAfter) {

  RetentionSettings {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "connector-engine.worker.retention.interval must be positive");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "connector-engine.worker.retention.batch-size must be >= 1");
    }
    if (purgeAfter.isNegative()) {
      throw new IllegalArgumentException(
          "connector-engine.worker.retention.purge-after must not be negative");
    }
    if (executionDays < 1 || requestLogDays < 1 || auditDays < 1) {
      throw new IllegalArgumentException("connector-engine.worker.retention.*-days must be >= 1");
    }
  }
}
