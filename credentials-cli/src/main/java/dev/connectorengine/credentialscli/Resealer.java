package dev.connectorengine.credentialscli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Re-seals every row of a {@link SealedTable} not yet under the keyset's primary key, one batch per
 * transaction. A batch is read {@code FOR UPDATE} and written back in the same transaction, so what
 * is re-sealed is exactly what was read: an app's write to a row waits for the batch to commit (and
 * then writes its own, newer value), or the batch waits for it and reads the newer value.
 */
final class Resealer {

  private static final String SELECT_BATCH =
      """
      SELECT %s, %s
        FROM %s
       WHERE %s > ?
       ORDER BY %s
       LIMIT ?
      %s
      """;

  private static final String UPDATE_ROW =
      """
      UPDATE %s
         SET %s
       WHERE %s = ?
      """;

  private static final UUID BEFORE_FIRST = new UUID(0, 0);

  private final Connection connection;
  private final SealedTable table;
  private final List<SealedColumn> columns;
  private final Keyset keyset;
  private final int batchSize;
  private final PrintStream progress;

  /** Re-seals {@code columns}, the sealed columns of {@code table} this schema has. */
  Resealer(
      Connection connection,
      SealedTable table,
      List<SealedColumn> columns,
      Keyset keyset,
      int batchSize,
      PrintStream progress) {
    this.connection = connection;
    this.table = table;
    this.columns = List.copyOf(columns);
    this.keyset = keyset;
    this.batchSize = batchSize;
    this.progress = progress;
  }

  /** Re-seals every row (or, with {@code dryRun}, only counts) and says what happened. */
  ResealReport reseal(boolean dryRun) throws SQLException {
    int resealed = 0;
    int current = 0;
    List<ResealReport.Failure> failed = new ArrayList<>();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      UUID after = BEFORE_FIRST;
      while (true) {
        List<SealedRow> batch = readBatch(after, !dryRun);
        for (SealedRow row : batch) {
          if (row.isCurrent(keyset)) {
            current++;
            continue;
          }
          SealedRow.Resealed outcome = row.resealed(keyset);
          if (!outcome.opened()) {
            failed.add(
                new ResealReport.Failure(table.describe(row.identity()), outcome.unopened()));
          } else {
            if (!dryRun) {
              write(outcome);
            }
            resealed++;
          }
        }
        if (dryRun) {
          connection.rollback();
        } else {
          connection.commit();
        }
        if (batch.size() < batchSize) {
          break;
        }
        after = batch.getLast().identity().key();
        progress.printf(
            "%s: looked at %d rows so far%n",
            table.tableName(), resealed + current + failed.size());
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return new ResealReport(table, resealed, current, List.copyOf(failed), dryRun);
  }

  private List<SealedRow> readBatch(UUID after, boolean lock) throws SQLException {
    String sql =
        SELECT_BATCH.formatted(
            table.identityColumns(),
            columns.stream().map(SealedColumn::name).collect(Collectors.joining(", ")),
            table.tableName(),
            table.keyColumn(),
            table.keyColumn(),
            lock ? "FOR UPDATE" : "");
    List<SealedRow> rows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, after);
      statement.setInt(2, batchSize);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(SealedRow.read(table, rs, columns));
        }
      }
    }
    return rows;
  }

  private void write(SealedRow.Resealed outcome) throws SQLException {
    String sql =
        UPDATE_ROW.formatted(
            table.tableName(),
            columns.stream().map(c -> c.name() + " = ?").collect(Collectors.joining(", ")),
            table.keyColumn());
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      for (SealedRow.Cell cell : outcome.cells()) {
        statement.setBytes(index++, cell.sealed());
      }
      statement.setObject(index, outcome.row().identity().key());
      if (statement.executeUpdate() != 1) {
        // The row is locked by this transaction, so it cannot have gone: something is badly off.
        throw new IllegalStateException(
            table.tableName() + " row " + outcome.row().identity().key() + " vanished");
      }
    }
  }
}
