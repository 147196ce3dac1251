package dev.connectorengine.worker.hostrate;

import dev.connectorengine.worker.liveness.LiveWorkers;
import dev.connectorengine.worker.periodic.PeriodicTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * How many workers share each host's rate: the live workers, counted every {@code
 * live-workers-refresh} (not at all when no host is limited); this worker alone until the first
 * count, and the last count while the database cannot be asked.
 */
@Component
class WorkerShare implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerShare.class);

  private final LiveWorkers live;
  private final HostRateSettings settings;
  private final PeriodicTask task;
  private volatile int liveWorkers = 1;

  WorkerShare(LiveWorkers live, HostRateSettings settings) {
    this.live = live;
    this.settings = settings;
    this.task = new PeriodicTask("host-rate-share", settings.liveWorkersRefresh(), this::refresh);
  }

  /** The live workers at the last count, at least 1 (this one). */
  int liveWorkers() {
    return liveWorkers;
  }

  void refresh() {
    int count = Math.max(1, live.countNow());
    if (count != liveWorkers) {
      log.info("{} live workers share each host's rate", count);
    }
    liveWorkers = count;
  }

  @Override
  public void start() {
    if (!settings.limitsAny()) {
      return;
    }
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("could not count the live workers yet: {}", e.toString());
    }
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

  /** After the liveness (its own row counts), before runs start. */
  @Override
  public int getPhase() {
    return -100;
  }
}
