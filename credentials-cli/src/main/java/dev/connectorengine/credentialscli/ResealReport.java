package dev.connectorengine.credentialscli;

import java.util.List;

/**
 * What a re-seal of one table did, counted in rows: re-sealed (or, in a dry run, would be), already
 * under the primary key, and rows that did not open, by id and column, never by value.
 */
record ResealReport(
    SealedTable table, int resealed, int alreadyCurrent, List<Failure> failed, boolean dryRun) {

  /**
   * A row left untouched because a sealed column of it did not open with the keyset; {@code row}
   * names it by ids ({@link SealedTable#describe}).
   */
  record Failure(String row, List<String> columns) {}
}
