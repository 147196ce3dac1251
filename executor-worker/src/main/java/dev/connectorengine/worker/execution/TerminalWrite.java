package dev.connectorengine.worker.execution;

import dev.connectorengine.worker.requestlog.RequestLog;
import java.util.List;
import java.util.UUID;

/**
 * The fenced terminal write of one claimed run.
 *
 * @param requestLogs the run's request log rows, written in the same transaction
 */
record TerminalWrite(UUID id, int attempt, RunOutcome outcome, List<RequestLog> requestLogs) {

  TerminalWrite(UUID id, int attempt, RunOutcome outcome) {
    this(id, attempt, outcome, List.of());
  }
}
