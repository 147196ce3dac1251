package dev.connectorengine.worker.execution;

import java.util.List;

/**
 * What one sweep did.
 *
 * @param acted false when another sweeper held the lock and this one changed nothing
 * @param timedOut overdue runs ended as {@code timeout}
 * @param workerLost runs ended {@code failed} because their last attempt's worker was lost
 * @param cancelled runs whose worker was lost after cancellation was asked, ended {@code cancelled}
 * @param requeued runs whose lease expired, back to pending: their jobs must be published
 * @param republish pending runs untouched for too long: their jobs must be published again
 */
public record SweepReport(
    boolean acted,
    int timedOut,
    int workerLost,
    int cancelled,
    List<RequeuedExecution> requeued,
    List<RequeuedExecution> republish) {

  public SweepReport {
    requeued = List.copyOf(requeued);
    republish = List.copyOf(republish);
  }

  static SweepReport lockHeldElsewhere() {
    return new SweepReport(false, 0, 0, 0, List.of(), List.of());
  }
}
