package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.execution.ClaimResult;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Takes runs into this worker: claims the pending ones among some ids with one guarded update and
 * starts each claimed run. Jobs from Kafka come in here, and so do the runs a sweep of this worker
 * just took back from a dead worker, which need not wait for Kafka to move that worker's
 * partitions.
 */
@Component
public class RunIntake {

  private final ExecutionClaimer claimer;
  private final RunDispatcher dispatcher;

  RunIntake(ExecutionClaimer claimer, RunDispatcher dispatcher) {
    this.claimer = claimer;
    this.dispatcher = dispatcher;
  }

  /** Claims the pending runs among {@code ids} and starts them. */
  ClaimResult take(Collection<UUID> ids) {
    ClaimResult result = claimer.claim(ids);
    dispatcher.startClaimed(result);
    return result;
  }

  /**
   * Takes as many of {@code ids} as this worker has room for below its in-flight limit.
   *
   * @return the ids it did not try, for another worker to take through their jobs
   */
  public List<UUID> takeWhatFits(List<UUID> ids) {
    int room = Math.min(dispatcher.room(), ids.size());
    if (room > 0) {
      take(ids.subList(0, room));
    }
    return ids.subList(room, ids.size());
  }
}
