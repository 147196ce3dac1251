package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.periodic.PeriodicTask;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stops, within a tenth of a second, every run whose fence no longer holds, aborting its in-flight
 * call. A run checks its fence itself before each attempt and write; this watch is for the call it
 * is waiting on. It runs on its own thread, so a heartbeat stuck on a dead connection cannot delay
 * it.
 */
@Component
class FenceWatch implements SmartLifecycle {

  static final Duration INTERVAL = Duration.ofMillis(100);

  private final PeriodicTask task;

  FenceWatch(RunDispatcher dispatcher) {
    this.task = new PeriodicTask("fence-watch", INTERVAL, dispatcher::stopFenced);
  }

  @Override
  public void start() {
    task.start();
  }

  @Override
  public void stop() {
    task.stop(Duration.ofSeconds(1));
  }

  @Override
  public boolean isRunning() {
    return task.isRunning();
  }

  /** Below the dispatcher's phase: fences still hold runs to account while they drain. */
  @Override
  public int getPhase() {
    return -100;
  }
}
