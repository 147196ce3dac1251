package dev.connectorengine.worker.execution;

import dev.connectorengine.worker.requestlog.RequestLog;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The fenced terminal write of one claimed run.
 *
 * @param requestLogs the run's request log rows, written in the same transaction
 * @param usedCredentials the ids of the credentials its steps used, marked used in it too
 */
record TerminalWrite(
    UUID id,
    int attempt,
    RunOutcome outcome,
    List<RequestLog> requestLogs,
    Set<UUID> usedCredentials) {

  TerminalWrite(UUID id, int attempt, RunOutcome outcome) {
    this(id, attempt, outcome, List.of(), Set.of());
  }
}
