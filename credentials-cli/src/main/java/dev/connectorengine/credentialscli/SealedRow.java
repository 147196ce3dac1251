package dev.connectorengine.credentialscli;

import dev.connectorengine.model.credential.CredentialSealer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One row of a {@link SealedTable} as read: which row it is and its sealed cells. */
record SealedRow(Identity identity, List<Cell> cells) {

  /**
   * The row's key, and the workspace and service its associated data names (no service for a
   * webhook secret, whose associated data names its workspace only).
   */
  record Identity(UUID key, UUID workspaceId, String serviceName) {}

  /** A sealed column's bytes, or null. */
  record Cell(SealedColumn column, byte[] sealed) {}

  /** What re-sealing a row gives: its new cells, or the columns that did not open. */
  record Resealed(SealedRow row, List<Cell> cells, List<String> unopened) {

    boolean opened() {
      return unopened.isEmpty();
    }
  }

  static SealedRow read(SealedTable table, ResultSet rs, List<SealedColumn> columns)
      throws SQLException {
    List<Cell> cells = new ArrayList<>();
    for (SealedColumn column : columns) {
      cells.add(new Cell(column, rs.getBytes(column.name())));
    }
    return new SealedRow(table.identity(rs), List.copyOf(cells));
  }

  /** Whether every present cell is sealed under the keyset's primary key. */
  boolean isCurrent(Keyset keyset) {
    return cells.stream()
        .allMatch(cell -> cell.sealed() == null || keyset.isSealedUnderPrimary(cell.sealed()));
  }

  /**
   * Opens every cell not under the primary key and seals it again under the primary, for the same
   * associated data; cells already under the primary are kept as they are.
   */
  Resealed resealed(Keyset keyset) {
    CredentialSealer sealer = keyset.sealer();
    List<Cell> resealed = new ArrayList<>();
    List<String> unopened = new ArrayList<>();
    for (Cell cell : cells) {
      if (cell.sealed() == null || keyset.isSealedUnderPrimary(cell.sealed())) {
        resealed.add(cell);
        continue;
      }
      try {
        resealed.add(
            new Cell(cell.column(), cell.column().reseal(sealer, identity, cell.sealed())));
      } catch (RuntimeException e) {
        // Tampered, moved between rows, sealed with a key this keyset lacks, or no value map at
        // all (CredentialSealException or a parse error): reported by id and left as it is.
        unopened.add(cell.column().name());
        resealed.add(cell);
      }
    }
    return new Resealed(this, List.copyOf(resealed), List.copyOf(unopened));
  }

  @Override
  public String toString() {
    // Never the ciphertexts: they are harmless, but a habit of printing rows is not.
    return "SealedRow[" + identity + "]";
  }
}
