package dev.connectorengine.worker.execution;

import java.util.List;
import java.util.UUID;

/**
 * What one claim of a batch of jobs gave.
 *
 * @param claimed the executions this worker now owns
 * @param unknown execution ids that have no row at all (dangling jobs)
 */
public record ClaimResult(List<ClaimedExecution> claimed, List<UUID> unknown) {

  public ClaimResult {
    claimed = List.copyOf(claimed);
    unknown = List.copyOf(unknown);
  }
}
