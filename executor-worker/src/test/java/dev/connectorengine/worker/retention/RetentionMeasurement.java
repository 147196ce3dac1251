package dev.connectorengine.worker.retention;

import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A measurement, not a test (started by {@code bin/retention-measure}): on a fresh migrated
 * database, inserts {@code ROWS} (default 1,000,000) finished executions 40 days old, runs the
 * retention job's passes as {@code connector_engine_worker} until nothing is left, and prints rows
 * deleted, time taken, the longest batch and the table's size before, after the deletes, after a
 * plain {@code VACUUM} and after inserting as many rows again (the freed space is reused).
 */
final class RetentionMeasurement {

  private static final String INSERT_OLD_RUNS =
      """
      INSERT INTO connector_executions
        (id, workspace_id, connector_id, connector_version, status, steps_executed, input_data,
         output_data, timeout_ms, attempt, created_at, updated_at, started_at, finished_at,
         execution_time_ms)
      SELECT gen_random_uuid(), :workspace, :connector, 1, 'success',
             '[{"id": "call", "name": "call", "status": "success"}]',
             jsonb_build_object('email', 'person-' || g || '@example.com'),
             jsonb_build_object('id', g, 'company', 'Company ' || g), 30000, 1,
             now() - interval '40 days' - g * interval '1 millisecond',
             now() - interval '40 days', now() - interval '40 days', now() - interval '40 days', 12
        FROM generate_series(1, :rows) g
      """;

  private RetentionMeasurement() {}

  public static void main(String[] args) throws SQLException {
    // Two rounds: the second shows the steady state, deleted space reused round after round.
    int rows = Integer.parseInt(System.getenv().getOrDefault("ROWS", "1000000"));
    int batch = Integer.parseInt(System.getenv().getOrDefault("RETENTION_BATCH_SIZE", "1000"));
    try (FreshDatabase database = FreshDatabase.createMigrated();
        Connection asOwner = database.connect();
        Connection asWorker = database.connect()) {
      JdbcClient owner = JdbcClient.create(new SingleConnectionDataSource(asOwner, true));
      UUID workspace = UUID.randomUUID();
      UUID connector = UUID.randomUUID();
      arrange(owner, workspace, connector);

      long t0 = System.nanoTime();
      insert(owner, workspace, connector, rows);
      System.out.printf("inserted %,d executions 40 days old in %s%n", rows, since(t0));
      long before = size(owner);

      try (Statement statement = asWorker.createStatement()) {
        statement.execute("SET ROLE connector_engine_worker");
      }
      var dataSource = new SingleConnectionDataSource(asWorker, true);
      RetentionPass pass =
          new RetentionPass(
              new RetentionBatches(
                  JdbcClient.create(dataSource),
                  new TransactionTemplate(new DataSourceTransactionManager(dataSource))),
              new RetentionSettings(
                  true, Duration.ofMinutes(1), batch, 30, 30, 365, Duration.ofHours(2)),
              new WorkerMetrics(new SimpleMeterRegistry()));
      System.out.println("plan of one batch (as the worker):");
      JdbcClient.create(dataSource)
          .sql(
              "EXPLAIN "
                  + RetentionTable.EXECUTIONS
                      .deleteBatch()
                      .replace(":defaultDays", "30")
                      .replace(":batch", Integer.toString(batch)))
          .query(String.class)
          .list()
          .forEach(line -> System.out.println("  " + line));

      System.out.printf(
          "connector_executions, pg_total_relation_size (heap + indexes): %s before the deletes%n",
          mb(before));
      for (int round = 1; round <= 2; round++) {
        long deleted = 0;
        int statements = 0;
        int passes = 0;
        Duration longest = Duration.ZERO;
        long t1 = System.nanoTime();
        for (RetentionReport report = pass.run(); report.rows() > 0; report = pass.run()) {
          passes++;
          RetentionReport.Deleted runs = report.of(RetentionTable.EXECUTIONS);
          deleted += runs.rows();
          statements += runs.statements();
          longest = runs.longest().compareTo(longest) > 0 ? runs.longest() : longest;
        }
        Duration took = since(t1);
        long afterDeletes = size(owner);
        owner.sql("VACUUM connector_executions").update();
        long afterVacuum = size(owner);
        long t2 = System.nanoTime();
        insert(owner, workspace, connector, rows);
        Duration reinsert = since(t2);
        long afterReinsert = size(owner);
        System.out.printf(
            "round %d: deleted %,d rows in %s: %d passes, %,d batches of at most %,d rows,"
                + " longest batch %d ms, %,.0f rows/s%n",
            round,
            deleted,
            took,
            passes,
            statements,
            batch,
            longest.toMillis(),
            deleted / (took.toNanos() / 1e9));
        System.out.printf("  after the deletes            %s%n", mb(afterDeletes));
        System.out.printf("  after a plain VACUUM         %s%n", mb(afterVacuum));
        System.out.printf("  after %,d rows again (%s)  %s%n", rows, reinsert, mb(afterReinsert));
      }
    }
  }

  private static void arrange(JdbcClient owner, UUID workspace, UUID connector) {
    owner
        .sql("INSERT INTO workspaces (id, name) VALUES (?, 'retention')")
        .param(workspace)
        .update();
    owner
        .sql(
            "INSERT INTO connectors (id, workspace_id, name, current_version) VALUES (?, ?, 'c', 1)")
        .params(connector, workspace)
        .update();
    owner
        .sql(
            """
            INSERT INTO connector_versions
              (connector_id, version, workspace_id, type, steps, timeout_ms, max_retries)
            VALUES (?, 1, ?, 'single-step', '[]', 30000, 0)
            """)
        .params(connector, workspace)
        .update();
  }

  private static void insert(JdbcClient owner, UUID workspace, UUID connector, int rows) {
    owner
        .sql(INSERT_OLD_RUNS)
        .param("workspace", workspace)
        .param("connector", connector)
        .param("rows", rows)
        .update();
    owner.sql("ANALYZE connector_executions").update();
  }

  private static long size(JdbcClient owner) {
    return owner
        .sql("SELECT pg_total_relation_size('connector_executions')")
        .query(Long.class)
        .single();
  }

  private static Duration since(long start) {
    return Duration.ofMillis((System.nanoTime() - start) / 1_000_000);
  }

  private static String mb(long bytes) {
    return String.format("%,8.1f MB", bytes / 1024.0 / 1024.0);
  }
}
