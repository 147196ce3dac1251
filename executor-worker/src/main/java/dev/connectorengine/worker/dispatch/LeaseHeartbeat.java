package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.execution.ExecutionLeases;
import dev.connectorengine.worker.liveness.Incarnation;
import dev.connectorengine.worker.liveness.WorkerLiveness;
import dev.connectorengine.worker.periodic.PeriodicTask;
import dev.connectorengine.worker.run.RunSignal.Stop;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Renews the leases of the runs in flight of this worker's live incarnation with one statement
 * every heartbeat interval, on the control pool, and moves each renewed run's fence. A run whose
 * lease could not be renewed was lost (swept after a stall, or taken over): it is stopped at once
 * instead of at its next fenced write. A renewal that fails leaves the fences where they were, so
 * runs stop by themselves if it keeps failing. Runs through shutdown until the dispatcher has
 * drained.
 */
@Component
class LeaseHeartbeat implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

  private final RunDispatcher dispatcher;
  private final ExecutionLeases leases;
  private final WorkerLiveness liveness;
  private final WorkerSettings settings;
  private final PeriodicTask task;

  LeaseHeartbeat(
      RunDispatcher dispatcher,
      ExecutionLeases leases,
      WorkerLiveness liveness,
      WorkerSettings settings) {
    this.dispatcher = dispatcher;
    this.leases = leases;
    this.liveness = liveness;
    this.settings = settings;
    this.task = new PeriodicTask("lease-heartbeat", settings.heartbeatInterval(), this::beat);
  }

  void beat() {
    Incarnation owner = liveness.latest().filter(Incarnation::alive).orElse(null);
    if (owner == null) {
      return;
    }
    List<RunHandle> held = dispatcher.inFlightOf(owner);
    if (held.isEmpty()) {
      return;
    }
    long sent = System.nanoTime();
    Set<UUID> renewed =
        leases.renew(
            owner.owner(),
            held.stream().map(handle -> handle.execution().id()).collect(Collectors.toSet()));
    for (RunHandle handle : held) {
      if (renewed.contains(handle.execution().id())) {
        handle.lease().extend(sent, settings.lease());
      } else {
        log.info(
            "execution {} attempt {}: lease lost, stopping it",
            handle.execution().id(),
            handle.execution().attempt());
        handle.signal().stop(Stop.LOST);
      }
    }
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

  /** Below the dispatcher's phase: leases stay renewed while in-flight runs drain. */
  @Override
  public int getPhase() {
    return -100;
  }
}
