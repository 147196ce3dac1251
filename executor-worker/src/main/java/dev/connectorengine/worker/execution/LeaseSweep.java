package dev.connectorengine.worker.execution;

import dev.connectorengine.worker.database.ControlDatabase;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One sweep, in one transaction on the control pool holding the sweep's advisory lock (so one
 * worker sweeps at a time): ends overdue runs as {@code timeout}; for runs whose worker is gone
 * (lease or liveness expired), ends them {@code cancelled} when cancellation was asked, {@code
 * failed} ("worker lost") once their worker was lost too often, and otherwise returns them to
 * pending, ready to resume; and picks pending runs untouched for a while. Terminal moves count in
 * the statistics in the same transaction, once each, and every status change writes its event to
 * the outbox in it too.
 */
@Component
public class LeaseSweep {

  /** How long a dead worker's liveness row is kept, for whoever looks into what happened. */
  private static final Duration FORGET_DEAD_WORKERS_AFTER = Duration.ofHours(1);

  private final SweepRepository sweeps;
  private final StatisticsRecorder statistics;
  private final TransactionTemplate transactions;
  private final StatusEventsWritten events;
  private final WorkerMetrics metrics;

  LeaseSweep(
      SweepRepository sweeps,
      ControlDatabase database,
      StatusEventsWritten events,
      WorkerMetrics metrics) {
    this.sweeps = sweeps;
    this.statistics = new StatisticsRecorder(database.jdbc());
    this.transactions = database.transactions();
    this.events = events;
    this.metrics = metrics;
  }

  /** Sweeps once; the caller publishes the jobs of {@link SweepReport#requeued} and republish. */
  public SweepReport sweep(SweepRules rules) {
    List<FinishedExecution> ended = new ArrayList<>();
    List<RequeuedExecution> requeued = new ArrayList<>();
    SweepReport report =
        transactions.execute(
            status -> {
              if (!sweeps.tryLock()) {
                return SweepReport.lockHeldElsewhere();
              }
              int batch = rules.batchSize();
              List<FinishedExecution> timedOut = sweeps.endOverdue(batch, rules.overdueGrace());
              List<FinishedExecution> cancelled = sweeps.cancelLost(batch);
              List<FinishedExecution> lost = sweeps.failLost(batch, rules.maxAttempts());
              List<RequeuedExecution> back = sweeps.requeueLost(batch, rules.maxAttempts());
              List<RequeuedExecution> stale =
                  sweeps.touchStalePending(batch, rules.republishAfter());
              sweeps.forgetDeadWorkers(FORGET_DEAD_WORKERS_AFTER);
              ended.addAll(timedOut);
              ended.addAll(cancelled);
              ended.addAll(lost);
              statistics.record(ended);
              requeued.addAll(back);
              return new SweepReport(
                  true, timedOut.size(), lost.size(), cancelled.size(), back, stale);
            });
    if (report == null || !report.acted()) {
      metrics.sweep(false);
      return report == null ? SweepReport.lockHeldElsewhere() : report;
    }
    announce(ended, requeued);
    metrics.sweep(true);
    metrics.swept("timeout", report.timedOut());
    metrics.swept("worker_lost", report.workerLost());
    metrics.swept("cancelled", report.cancelled());
    metrics.swept("requeued", report.requeued().size());
    metrics.swept("republished", report.republish().size());
    return report;
  }

  private void announce(List<FinishedExecution> ended, List<RequeuedExecution> requeued) {
    ended.forEach(done -> metrics.runFinished(done.status()));
    if (!ended.isEmpty() || !requeued.isEmpty()) {
      events.committed();
    }
  }
}
