package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.liveness.Incarnation;
import dev.connectorengine.worker.liveness.WorkerLiveness;
import dev.connectorengine.worker.periodic.PeriodicTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A worker that cannot show it is alive cannot claim anything, so it should not hold Kafka
 * partitions either: the jobs on them would wait for it, however long it is cut off from the
 * database. It leaves the consumer group (the others take its partitions) and joins again once a
 * new incarnation is alive. A consumer that was never started (tests, tools) is left alone.
 */
@Component
class ConsumptionFollowsLiveness implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ConsumptionFollowsLiveness.class);
  static final Duration INTERVAL = Duration.ofMillis(250);

  private final WorkerLiveness liveness;
  private final JobConsumption consumption;
  private final PeriodicTask task;
  private boolean left;
  private volatile boolean leaving;

  ConsumptionFollowsLiveness(WorkerLiveness liveness, JobConsumption consumption) {
    this.liveness = liveness;
    this.consumption = consumption;
    this.task = new PeriodicTask("consumption-follows-liveness", INTERVAL, this::follow);
  }

  void follow() {
    boolean alive = liveness.latest().map(Incarnation::alive).orElse(false);
    if (!alive && !left && consumption.isRunning()) {
      left = true;
      leaving = true;
      log.warn("this worker cannot show it is alive: leaving the consumer group until it can");
      consumption.leave(() -> leaving = false);
    } else if (alive && left && !leaving) {
      left = false;
      log.info("alive again as {}: joining the consumer group", liveness.current());
      consumption.join();
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

  /** After the listener container starts, and stops before it: it never restarts a stopping one. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 50;
  }
}
