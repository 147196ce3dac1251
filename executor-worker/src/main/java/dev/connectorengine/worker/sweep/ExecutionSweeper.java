package dev.connectorengine.worker.sweep;

import dev.connectorengine.worker.dispatch.JobPublisher;
import dev.connectorengine.worker.dispatch.RunIntake;
import dev.connectorengine.worker.execution.LeaseSweep;
import dev.connectorengine.worker.execution.RequeuedExecution;
import dev.connectorengine.worker.execution.SweepReport;
import dev.connectorengine.worker.execution.SweepRules;
import dev.connectorengine.worker.periodic.PeriodicTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sweeps every interval (see {@link LeaseSweep}). The runs it took back from dead workers are
 * claimed here at once, as many as this worker has room for: the dead worker's Kafka partitions
 * move only after its consumer session times out, and its runs should not wait that long. The jobs
 * of the rest, and of runs found waiting too long, are published. Every worker runs one; the
 * sweep's advisory lock lets one act at a time, so adding workers adds no sweeping load.
 */
@Component
class ExecutionSweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ExecutionSweeper.class);

  private final LeaseSweep sweep;
  private final RunIntake intake;
  private final JobPublisher jobs;
  private final SweepSettings settings;
  private final SweepRules rules;
  private final PeriodicTask task;

  ExecutionSweeper(LeaseSweep sweep, RunIntake intake, JobPublisher jobs, SweepSettings settings) {
    this.sweep = sweep;
    this.intake = intake;
    this.jobs = jobs;
    this.settings = settings;
    this.rules =
        new SweepRules(
            settings.batchSize(),
            settings.maxAttempts(),
            settings.republishAfter(),
            settings.overdueGrace());
    this.task = new PeriodicTask("execution-sweeper", settings.interval(), this::sweep);
  }

  /** Sweeps once now. */
  SweepReport sweep() {
    SweepReport report = sweep.sweep(rules);
    List<RequeuedExecution> toPublish = new ArrayList<>(takeHere(report.requeued()));
    toPublish.addAll(report.republish());
    if (!toPublish.isEmpty()) {
      jobs.publish(toPublish);
    }
    if (report.timedOut() + report.workerLost() + report.cancelled() + toPublish.size() > 0) {
      log.info(
          "sweep: {} timed out, {} failed (worker lost), {} cancelled, {} back to pending,"
              + " {} pending republished",
          report.timedOut(),
          report.workerLost(),
          report.cancelled(),
          report.requeued().size(),
          report.republish().size());
    }
    return report;
  }

  /** Claims what fits here; answers the runs left for other workers, through their jobs. */
  private List<RequeuedExecution> takeHere(List<RequeuedExecution> requeued) {
    if (requeued.isEmpty()) {
      return requeued;
    }
    try {
      Set<UUID> left =
          Set.copyOf(intake.takeWhatFits(requeued.stream().map(RequeuedExecution::id).toList()));
      return requeued.stream().filter(run -> left.contains(run.id())).toList();
    } catch (RuntimeException e) {
      log.warn(
          "could not take back {} runs here; publishing their jobs: {}",
          requeued.size(),
          e.toString());
      return requeued;
    }
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

  /** Above the dispatcher's phase: sweeping stops early in shutdown. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }
}
