package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.execution.ExecutionLeases;
import dev.connectorengine.worker.periodic.PeriodicTask;
import dev.connectorengine.worker.run.RunSignal.Stop;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Renews the leases of all runs in flight with one statement every heartbeat interval. A run whose
 * lease could not be renewed was lost (swept after a stall, or taken over): it is stopped at once
 * instead of at its next fenced write. Runs through shutdown until the dispatcher has drained.
 */
@Component
class LeaseHeartbeat implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

  private final RunDispatcher dispatcher;
  private final ExecutionLeases leases;
  private final PeriodicTask task;

  LeaseHeartbeat(RunDispatcher dispatcher, ExecutionLeases leases, WorkerSettings settings) {
    this.dispatcher = dispatcher;
    this.leases = leases;
    this.task = new PeriodicTask("lease-heartbeat", settings.heartbeatInterval(), this::beat);
  }

  void beat() {
    Map<UUID, Integer> held = dispatcher.inFlightAttempts();
    if (held.isEmpty()) {
      return;
    }
    Set<UUID> renewed = leases.renew(held.keySet());
    held.forEach(
        (id, attempt) -> {
          if (!renewed.contains(id)) {
            log.info("execution {} attempt {}: lease lost, stopping it", id, attempt);
            dispatcher.stop(id, attempt, Stop.LOST);
          }
        });
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
