package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.execution.ClaimResult;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.liveness.Incarnation;
import dev.connectorengine.worker.liveness.WorkerLiveness;
import dev.connectorengine.worker.liveness.WorkerNotAliveException;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Takes runs into this worker: claims the pending ones among some ids with one guarded update and
 * starts each claimed run. Jobs from Kafka come in here, and so do the runs a sweep of this worker
 * just took back from a dead worker, which need not wait for Kafka to move that worker's
 * partitions.
 *
 * <p>The caller waits for the claim only while this worker is alive: a claim stuck on a dead
 * connection must not hold the Kafka listener (and with it the worker's partitions) once the worker
 * has fenced itself. The claim then still completes in the background; the runs it gave are not
 * started by an incarnation that is over, and a sweeper takes them back.
 */
@Component
public class RunIntake {

  private static final long CHECK_EVERY_MS = 100;

  private final ExecutionClaimer claimer;
  private final RunDispatcher dispatcher;
  private final WorkerLiveness liveness;
  private final ExecutorService claims = Executors.newVirtualThreadPerTaskExecutor();

  RunIntake(ExecutionClaimer claimer, RunDispatcher dispatcher, WorkerLiveness liveness) {
    this.claimer = claimer;
    this.dispatcher = dispatcher;
    this.liveness = liveness;
  }

  /**
   * Claims the pending runs among {@code ids} and starts them.
   *
   * @throws WorkerNotAliveException when this worker is not alive, or stopped being alive while the
   *     claim was under way
   */
  ClaimResult take(Collection<UUID> ids) {
    Incarnation owner = liveness.current();
    CompletableFuture<ClaimResult> taken =
        CompletableFuture.supplyAsync(() -> claimer.claim(ids), claims)
            .thenApply(
                result -> {
                  dispatcher.startClaimed(result);
                  return result;
                });
    while (true) {
      try {
        return taken.get(CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!owner.alive()) {
          throw new WorkerNotAliveException(
              "incarnation " + owner + " stopped being alive during a claim; not waiting for it");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while claiming", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException cause
            ? cause
            : new IllegalStateException(e.getCause());
      }
    }
  }
}
