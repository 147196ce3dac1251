package dev.connectorengine.worker.execution;

import dev.connectorengine.worker.liveness.Incarnation;
import java.util.List;
import java.util.UUID;

/**
 * What one claim of a batch of jobs gave.
 *
 * @param claimed the executions this worker now owns
 * @param unknown execution ids that have no row at all (dangling jobs)
 * @param owner the incarnation the rows were claimed for; they run only while it is alive
 * @param sentNanos when the claim was sent ({@code System.nanoTime}): their leases count from here
 */
public record ClaimResult(
    List<ClaimedExecution> claimed, List<UUID> unknown, Incarnation owner, long sentNanos) {

  public ClaimResult {
    claimed = List.copyOf(claimed);
    unknown = List.copyOf(unknown);
  }
}
