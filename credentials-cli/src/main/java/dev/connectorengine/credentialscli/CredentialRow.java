package dev.connectorengine.credentialscli;

import dev.connectorengine.model.credential.CredentialSealer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One credential row as read: its identity and the sealed cells (a null cell is absent). */
record CredentialRow(UUID id, UUID workspaceId, String serviceName, List<Cell> cells) {

  /** A sealed column's bytes, or null. */
  record Cell(SealedColumn column, byte[] sealed) {}

  /** What re-sealing a row gives: its new cells, or the columns that did not open. */
  record Resealed(CredentialRow row, List<Cell> cells, List<String> unopened) {

    boolean opened() {
      return unopened.isEmpty();
    }
  }

  static CredentialRow read(ResultSet rs, List<SealedColumn> columns) throws SQLException {
    List<Cell> cells = new ArrayList<>();
    for (SealedColumn column : columns) {
      cells.add(new Cell(column, rs.getBytes(column.name())));
    }
    return new CredentialRow(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getString("service_name"),
        List.copyOf(cells));
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
      String aadService = cell.column().aadService(serviceName);
      try {
        Map<String, String> values = sealer.open(workspaceId, aadService, cell.sealed());
        resealed.add(new Cell(cell.column(), sealer.seal(workspaceId, aadService, values)));
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
    return "CredentialRow[id=" + id + ", service=" + serviceName + "]";
  }
}
