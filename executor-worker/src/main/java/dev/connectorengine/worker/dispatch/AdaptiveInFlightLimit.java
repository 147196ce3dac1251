package dev.connectorengine.worker.dispatch;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.fairness.FairnessSettings;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import org.springframework.stereotype.Component;

/**
 * How many runs this worker takes at once, found as TCP Vegas finds a window (Netflix's {@link
 * VegasLimit}): the limit grows while the worker's own time per call stays near the least seen, and
 * shrinks once it grows, which means runs queue for the CPU, the connection pool or the batched
 * writes. Runs waiting on slow targets cost the worker nothing and do not count, so slow targets
 * still get thousands of runs in flight while fast ones get just enough to keep the worker busy. A
 * run that arrives from another workspace then starts at once and runs about as fast as on an idle
 * worker, instead of sharing the worker with a thousand others. {@code WORKER_MAX_IN_FLIGHT} stays
 * the ceiling; with {@code WORKER_ADAPTIVE_IN_FLIGHT=false} it is the limit.
 */
@Component
class AdaptiveInFlightLimit {

  private static final int INITIAL = 20;

  private final Limit limit;
  private final int ceiling;
  private final boolean adaptive;

  AdaptiveInFlightLimit(WorkerSettings worker, FairnessSettings settings, WorkerMetrics metrics) {
    this.ceiling = worker.maxInFlight();
    this.adaptive = settings.adaptiveInFlight();
    this.limit =
        VegasLimit.newBuilder()
            .initialLimit(Math.min(INITIAL, ceiling))
            .maxConcurrency(ceiling)
            .build();
    metrics.inFlightLimit(this::current);
  }

  /** Runs this worker may hold now. */
  int current() {
    return adaptive ? Math.min(ceiling, Math.max(1, limit.getLimit())) : ceiling;
  }

  /**
   * Learns from a run that ended normally.
   *
   * @param wallNanos the run's time from start to end on this worker
   * @param waitedNanos the part of it spent waiting on targets and backoffs
   * @param calls the calls to targets it made: the worker's time is taken per call plus one
   * @param inFlight runs in flight when it ended
   */
  void ran(long startNanos, long wallNanos, long waitedNanos, int calls, int inFlight) {
    long ownNanos = Math.max(1, wallNanos - waitedNanos) / (calls + 1);
    limit.onSample(startNanos, Math.max(1, ownNanos), inFlight, false);
  }
}
