package dev.connectorengine.worker.execution;

import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.liveness.CurrentIncarnation;
import dev.connectorengine.worker.liveness.Incarnation;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Claims executions for this worker with one guarded update per batch of jobs, for its live
 * incarnation. A job whose row is not pending (a duplicate, or a stale job for a run already taken
 * or over) claims nothing. The database records each claim's "running" event with it, in the
 * outbox.
 */
@Component
public class ExecutionClaimer {

  private final ExecutionRepository executions;
  private final CurrentIncarnation liveness;
  private final WorkerSettings settings;
  private final StatusEventsWritten events;
  private final WorkerMetrics metrics;

  ExecutionClaimer(
      ExecutionRepository executions,
      CurrentIncarnation liveness,
      WorkerSettings settings,
      StatusEventsWritten events,
      WorkerMetrics metrics) {
    this.executions = executions;
    this.liveness = liveness;
    this.settings = settings;
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * Claims the pending executions among {@code executionIds} for this worker's live incarnation and
   * names the ones with no row.
   *
   * @throws dev.connectorengine.worker.liveness.WorkerNotAliveException when this worker cannot
   *     show it is alive: it claims nothing then
   */
  public ClaimResult claim(Collection<UUID> executionIds) {
    Incarnation owner = liveness.current();
    Set<UUID> ids = new LinkedHashSet<>(executionIds);
    long sent = System.nanoTime();
    if (ids.isEmpty()) {
      return new ClaimResult(List.of(), List.of(), owner, sent);
    }
    List<ClaimedExecution> claimed = executions.claim(ids, owner.owner(), settings.lease());
    metrics.claims(claimed.size(), ids.size() - claimed.size());
    if (!claimed.isEmpty()) {
      events.committed();
    }
    if (claimed.size() == ids.size()) {
      return new ClaimResult(claimed, List.of(), owner, sent);
    }
    // Rare (duplicates, stale or dangling jobs): find out which ids refer to nothing at all.
    Set<UUID> existing = executions.existing(ids);
    List<UUID> unknown = new ArrayList<>();
    for (UUID id : ids) {
      if (!existing.contains(id)) {
        unknown.add(id);
      }
    }
    return new ClaimResult(claimed, unknown, owner, sent);
  }
}
