package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.periodic.PeriodicTask;
import dev.connectorengine.worker.run.RunSignal.Stop;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(FenceWatch.class);

  private final RunDispatcher dispatcher;
  private final PeriodicTask task;

  FenceWatch(RunDispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.task = PeriodicTask.onPlatformThread("fence-watch", INTERVAL, this::stopFenced);
  }

  /**
   * Stops the runs that may no longer act (their incarnation is over or their lease lapsed on this
   * side): their in-flight call is aborted and they write nothing more.
   */
  private void stopFenced() {
    int stopped = 0;
    RunHandle example = null;
    for (RunHandle handle : dispatcher.inFlightRuns()) {
      if (!handle.fenceHolds() && handle.signal().stop(Stop.LOST)) {
        stopped++;
        example = handle;
      }
    }
    if (example != null) {
      log.warn(
          "stopped {} runs whose lease or whose worker's liveness lapsed (e.g. execution {} attempt"
              + " {} of {}); they write nothing more",
          stopped,
          example.execution().id(),
          example.execution().attempt(),
          example.owner());
    }
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
