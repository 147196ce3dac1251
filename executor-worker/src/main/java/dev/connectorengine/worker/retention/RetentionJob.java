package dev.connectorengine.worker.retention;

import dev.connectorengine.worker.periodic.PeriodicTask;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs a {@link RetentionPass}, then a {@link WorkspacePurge}, every interval. Every worker runs
 * one; the batches' advisory lock lets one delete at a time, so adding workers adds no deleting
 * load.
 */
@Component
class RetentionJob implements SmartLifecycle {

  private final RetentionSettings settings;
  private final PeriodicTask task;

  RetentionJob(RetentionPass pass, WorkspacePurge purge, RetentionSettings settings) {
    this.settings = settings;
    this.task =
        new PeriodicTask(
            "retention",
            settings.interval(),
            () -> {
              pass.run();
              purge.run();
            });
  }

  @Override
  public void start() {
    if (settings.enabled()) {
      task.start();
    }
  }

  @Override
  public void stop() {
    task.stop(Duration.ofSeconds(2));
  }

  @Override
  public boolean isRunning() {
    return task.isRunning();
  }

  /** Above the dispatcher's phase, beside the sweeper: deleting stops early in shutdown. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }
}
