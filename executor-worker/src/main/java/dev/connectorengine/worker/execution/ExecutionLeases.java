package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.messaging.ExecutionEvent;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.execution.LeaseRepository.GivenBack;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This worker's leases: renewing them, finding cancelled runs and handing runs back. */
@Component
public class ExecutionLeases {

  private final LeaseRepository leases;
  private final WorkerSettings settings;
  private final ExecutionEventSink events;
  private final Clock clock;

  ExecutionLeases(
      LeaseRepository leases, WorkerSettings settings, ExecutionEventSink events, Clock clock) {
    this.leases = leases;
    this.settings = settings;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Extends the lease of this worker's running rows among {@code ids} by one lease length, in one
   * statement.
   *
   * @return the ids renewed; any other was lost (taken over, swept or already ended)
   */
  public Set<UUID> renew(Set<UUID> ids) {
    return ids.isEmpty() ? Set.of() : leases.renew(settings.id(), ids, settings.lease());
  }

  /** This worker's running runs whose cancellation was asked for. */
  public Set<UUID> cancelRequested() {
    return leases.cancelRequested(settings.id());
  }

  /**
   * Hands runs back: each one still running on the given attempt goes back to pending with its
   * lease cleared and its steps reset, so another worker can claim it at once.
   *
   * @param attempts execution id to the attempt this worker holds
   * @return the runs handed back, whose jobs must be published again
   */
  public List<RequeuedExecution> giveBack(Map<UUID, Integer> attempts) {
    if (attempts.isEmpty()) {
      return List.of();
    }
    List<GivenBack> given = leases.giveBack(attempts);
    Instant now = clock.instant();
    events.publish(
        given.stream()
            .map(
                g ->
                    new ExecutionEvent(
                        g.execution().id(),
                        g.execution().workspaceId(),
                        g.connectorId(),
                        ExecutionStatus.PENDING,
                        null,
                        now))
            .toList());
    return given.stream().map(GivenBack::execution).toList();
  }
}
