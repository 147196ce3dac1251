package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.execution.ExecutionLeases;
import dev.connectorengine.worker.liveness.Incarnation;
import dev.connectorengine.worker.liveness.WorkerLiveness;
import dev.connectorengine.worker.periodic.PeriodicTask;
import dev.connectorengine.worker.run.RunSignal.Stop;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Notices cancellations of this worker's running runs (the API sets {@code cancel_requested_at})
 * with one indexed query per poll interval on the control pool, and stops those runs: their
 * in-flight call is aborted and they end {@code cancelled}. No query runs while nothing is in
 * flight.
 */
@Component
class CancellationWatcher implements SmartLifecycle {

  private final RunDispatcher dispatcher;
  private final ExecutionLeases leases;
  private final WorkerLiveness liveness;
  private final PeriodicTask task;

  CancellationWatcher(
      RunDispatcher dispatcher,
      ExecutionLeases leases,
      WorkerLiveness liveness,
      WorkerSettings settings) {
    this.dispatcher = dispatcher;
    this.leases = leases;
    this.liveness = liveness;
    this.task = new PeriodicTask("cancellation-watcher", settings.cancelPollInterval(), this::poll);
  }

  void poll() {
    if (dispatcher.inFlight() == 0) {
      return;
    }
    // Runs of an incarnation that is over stop anyway; only the live one's can end cancelled.
    liveness
        .latest()
        .filter(Incarnation::alive)
        .ifPresent(
            owner ->
                leases
                    .cancelRequested(owner.owner())
                    .forEach(id -> dispatcher.stop(id, Stop.CANCEL)));
  }

  @Override
  public void start() {
    task.start();
  }

  @Override
  public void stop() {
    task.stop(Duration.ofSeconds(2));
  }

  @Override
  public boolean isRunning() {
    return task.isRunning();
  }

  /** Below the dispatcher's phase: cancellations still count while in-flight runs drain. */
  @Override
  public int getPhase() {
    return -100;
  }
}
