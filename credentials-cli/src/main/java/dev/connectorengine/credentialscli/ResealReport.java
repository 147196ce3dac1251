package dev.connectorengine.credentialscli;

import java.util.List;
import java.util.UUID;

/**
 * What a re-seal did, counted in rows: re-sealed (or, in a dry run, would be), already under the
 * primary key, and rows that did not open, by id and column, never by value.
 */
record ResealReport(int resealed, int alreadyCurrent, List<Failure> failed, boolean dryRun) {

  /** A row left untouched because a sealed column of it did not open with the keyset. */
  record Failure(UUID id, UUID workspaceId, String serviceName, List<String> columns) {}
}
