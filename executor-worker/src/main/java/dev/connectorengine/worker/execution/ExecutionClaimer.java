package dev.connectorengine.worker.execution;

import dev.connectorengine.worker.WorkerSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Claims executions for this worker with one guarded update per batch of jobs. A job whose row is
 * not pending (a duplicate, or a stale job for a run already taken or over) claims nothing.
 */
@Component
public class ExecutionClaimer {

  private final ExecutionRepository executions;
  private final WorkerSettings settings;

  ExecutionClaimer(ExecutionRepository executions, WorkerSettings settings) {
    this.executions = executions;
    this.settings = settings;
  }

  /** Claims the pending executions among {@code executionIds} and names the ones with no row. */
  public ClaimResult claim(Collection<UUID> executionIds) {
    Set<UUID> ids = new LinkedHashSet<>(executionIds);
    if (ids.isEmpty()) {
      return new ClaimResult(List.of(), List.of());
    }
    List<ClaimedExecution> claimed = executions.claim(ids, settings.id(), settings.lease());
    if (claimed.size() == ids.size()) {
      return new ClaimResult(claimed, List.of());
    }
    // Rare (duplicates, stale or dangling jobs): find out which ids refer to nothing at all.
    Set<UUID> existing = executions.existing(ids);
    List<UUID> unknown = new ArrayList<>();
    for (UUID id : ids) {
      if (!existing.contains(id)) {
        unknown.add(id);
      }
    }
    return new ClaimResult(claimed, unknown);
  }
}
