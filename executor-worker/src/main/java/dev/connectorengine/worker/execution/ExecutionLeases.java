package dev.connectorengine.worker.execution;

import dev.connectorengine.worker.WorkerSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * This worker's leases, on the control pool: renewing them, finding cancelled runs and handing runs
 * back.
 */
@Component
public class ExecutionLeases {

  private final LeaseRepository leases;
  private final WorkerSettings settings;
  private final StatusEventsWritten events;

  ExecutionLeases(LeaseRepository leases, WorkerSettings settings, StatusEventsWritten events) {
    this.leases = leases;
    this.settings = settings;
    this.events = events;
  }

  /**
   * Extends the lease of {@code owner}'s running rows among {@code ids} by one lease length, in one
   * statement.
   *
   * @return the ids renewed; any other was lost (taken over, swept or already ended)
   */
  public Set<UUID> renew(String owner, Set<UUID> ids) {
    return ids.isEmpty() ? Set.of() : leases.renew(owner, ids, settings.lease());
  }

  /** {@code owner}'s running runs whose cancellation was asked for. */
  public Set<UUID> cancelRequested(String owner) {
    return leases.cancelRequested(owner);
  }

  /**
   * Hands runs back: each one still running on the given attempt goes back to pending with its
   * lease cleared, ready to resume after its finished steps, so another worker can claim it at
   * once.
   *
   * @param attempts execution id to the attempt this worker holds
   * @return the runs handed back, whose jobs must be published again
   */
  public List<RequeuedExecution> giveBack(Map<UUID, Integer> attempts) {
    if (attempts.isEmpty()) {
      return List.of();
    }
    List<RequeuedExecution> given = leases.giveBack(attempts);
    if (!given.isEmpty()) {
      events.committed();
    }
    return given;
  }
}
