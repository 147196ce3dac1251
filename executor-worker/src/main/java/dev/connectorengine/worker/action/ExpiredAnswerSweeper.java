package dev.connectorengine.worker.action;

import dev.connectorengine.worker.periodic.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes expired cached answers once a minute, {@value #BATCH} rows per statement until none is
 * left, so a delete never holds many row locks for long. Expired rows are never read (a look-up
 * checks the expiry), so this only keeps the table small.
 */
@Component
class ExpiredAnswerSweeper implements SmartLifecycle {

  static final int BATCH = 1_000;
  private static final int MAX_BATCHES_PER_PASS = 100;

  private final ActionAnswerCache cache;
  private final Clock clock;
  private final PeriodicTask task;

  ExpiredAnswerSweeper(ActionAnswerCache cache, Clock clock) {
    this.cache = cache;
    this.clock = clock;
    this.task = new PeriodicTask("answer-cache-sweeper", Duration.ofMinutes(1), this::sweep);
  }

  /** Deletes what has expired; how many rows went. */
  int sweep() {
    int deleted = 0;
    for (int batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
      int n = cache.deleteExpired(clock.instant(), BATCH);
      deleted += n;
      if (n < BATCH) {
        break;
      }
    }
    return deleted;
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
}
