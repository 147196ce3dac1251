package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.liveness.Fence;
import dev.connectorengine.worker.liveness.Incarnation;
import dev.connectorengine.worker.run.RunSignal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run in flight: the claim it holds, how to stop it, and how long it may act: while the
 * incarnation that claimed it is alive and its own lease holds on this side.
 */
record RunHandle(ClaimedExecution execution, RunSignal signal, Incarnation owner, Fence lease) {

  /**
   * @param waitingRuns the worker's count of runs waiting on a target or a backoff, which this
   *     run's signal keeps
   */
  static RunHandle of(
      ClaimedExecution execution, Incarnation owner, Fence lease, AtomicInteger waitingRuns) {
    return new RunHandle(
        execution, new RunSignal(() -> owner.alive() && lease.holds(), waitingRuns), owner, lease);
  }

  boolean fenceHolds() {
    return owner.alive() && lease.holds();
  }
}
