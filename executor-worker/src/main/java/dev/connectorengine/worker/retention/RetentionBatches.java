package dev.connectorengine.worker.retention;

import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes one batch of old rows, or of a deleted workspace's rows, in a transaction of its own,
 * which first takes the retention's advisory lock: one worker deletes at a time, and no transaction
 * holds many row locks for long.
 */
@Repository
class RetentionBatches {

  /** Arbitrary, fixed: the advisory lock a retention batch holds across all workers. */
  static final long LOCK_KEY = 0x436f6e6e52657465L;

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(:key)";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  RetentionBatches(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * Deletes up to {@code batch} rows of {@code table} past their retention.
   *
   * @return how many went; empty when another worker holds the lock
   */
  OptionalInt deleteBatch(RetentionTable table, int defaultDays, int batch) {
    return underLock(table.deleteBatch(), Map.of("defaultDays", defaultDays, "batch", batch));
  }

  /**
   * Deletes up to {@code batch} rows of a deleted workspace from {@code table}.
   *
   * @return how many went; empty when another worker holds the lock
   */
  OptionalInt purgeBatch(PurgeTable table, UUID workspaceId, int batch) {
    return underLock(table.deleteBatch(), Map.of("workspaceId", workspaceId, "batch", batch));
  }

  private OptionalInt underLock(String delete, Map<String, ?> params) {
    Integer deleted =
        transactions.execute(
            status -> {
              if (!Boolean.TRUE.equals(
                  jdbc.sql(TRY_LOCK).param("key", LOCK_KEY).query(Boolean.class).single())) {
                return null;
              }
              return jdbc.sql(delete).params(params).update();
            });
    return deleted == null ? OptionalInt.empty() : OptionalInt.of(deleted);
  }
}
