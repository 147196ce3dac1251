package dev.connectorengine.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bench's own queries against the system's database, on one connection (one per thread that
 * uses it). Each pass has a workspace of its own, so a workspace id selects a pass's runs.
 */
final class RunQueries implements AutoCloseable {

  private static final String UNFINISHED =
      """
      SELECT count(*) FROM connector_executions
       WHERE workspace_id = ? AND status IN ('pending', 'running')
      """;

  private static final String FIGURES =
      """
      SELECT count(*), min(created_at), max(finished_at),
             percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP
               (ORDER BY extract(epoch FROM started_at - created_at) * 1000),
             percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP
               (ORDER BY extract(epoch FROM finished_at - created_at) * 1000)
        FROM connector_executions
       WHERE workspace_id = ?
      """;

  private static final String STATUSES =
      """
      SELECT status, count(*) FROM connector_executions
       WHERE workspace_id = ? GROUP BY status ORDER BY count(*) DESC
      """;

  private static final String STATS =
      """
      SELECT coalesce(sum(total_executions), 0), coalesce(sum(successful_executions), 0),
             coalesce(sum(failed_executions), 0)
        FROM connector_execution_stats
       WHERE connector_id = ?
      """;

  private static final String COMMITS =
      "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()";

  private static final String ROW_WRITES =
      """
      SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables ORDER BY relname
      """;

  private static final String BACKENDS =
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database()";

  private static final String RUNNING_OWNED_BY =
      """
      SELECT count(*) FROM connector_executions
       WHERE status = 'running' AND lease_owner LIKE ? || '-%'
      """;

  private static final String SERVER =
      """
      SELECT split_part(version(), ' on ', 1), current_setting('synchronous_commit'),
             current_setting('shared_buffers'), current_setting('max_connections')
      """;

  private final Connection connection;

  RunQueries(BenchDatabase database) {
    try {
      this.connection = database.connect();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to " + database.jdbcUrl() + ": " + e, e);
    }
  }

  /** Runs of the workspace not yet terminal. */
  long unfinished(UUID workspaceId) {
    return count(UNFINISHED, workspaceId);
  }

  /** Runs {@code workerId} holds as running. */
  long runningOwnedBy(String workerId) {
    return count(RUNNING_OWNED_BY, workerId);
  }

  PassFigures figures(UUID workspaceId, UUID connectorId) {
    try (PreparedStatement figures = connection.prepareStatement(FIGURES);
        PreparedStatement statuses = connection.prepareStatement(STATUSES);
        PreparedStatement stats = connection.prepareStatement(STATS)) {
      figures.setObject(1, workspaceId);
      statuses.setObject(1, workspaceId);
      stats.setObject(1, connectorId);
      Map<String, Long> byStatus = new LinkedHashMap<>();
      try (ResultSet rows = statuses.executeQuery()) {
        while (rows.next()) {
          byStatus.put(rows.getString(1), rows.getLong(2));
        }
      }
      try (ResultSet row = figures.executeQuery();
          ResultSet statRow = stats.executeQuery()) {
        row.next();
        statRow.next();
        return new PassFigures(
            row.getLong(1),
            byStatus,
            instant(row.getTimestamp(2)),
            instant(row.getTimestamp(3)),
            millis(row.getArray(4)),
            millis(row.getArray(5)),
            statRow.getLong(1),
            statRow.getLong(2),
            statRow.getLong(3));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the figures: " + e, e);
    }
  }

  /** Transactions committed in this database so far (PostgreSQL flushes it about every second). */
  long commits() {
    return count(COMMITS);
  }

  /** Rows inserted, updated or deleted so far, per table of this database. */
  Map<String, Long> rowWrites() {
    Map<String, Long> writes = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(ROW_WRITES);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        writes.put(rows.getString(1), rows.getLong(2));
      }
      return writes;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the table statistics: " + e, e);
    }
  }

  /** Process ids of the server's backends connected to this database. */
  List<Long> backendPids() {
    List<Long> pids = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(BACKENDS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        pids.add(rows.getLong(1));
      }
      return pids;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the backends: " + e, e);
    }
  }

  /** The server's version and the settings that matter most for commit throughput. */
  String server() {
    try (PreparedStatement statement = connection.prepareStatement(SERVER);
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getString(1)
          + ", synchronous_commit="
          + row.getString(2)
          + ", shared_buffers="
          + row.getString(3)
          + ", max_connections="
          + row.getString(4);
    } catch (SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // the database is being dropped anyway
    }
  }

  private long count(String sql, Object... parameters) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql.strip() + ": " + e, e);
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static double[] millis(Array array) throws SQLException {
    if (array == null) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    Object[] values = (Object[]) array.getArray();
    double[] result = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = values[i] == null ? Double.NaN : ((Number) values[i]).doubleValue();
    }
    return result;
  }
}
