package dev.connectorengine.worker.sweep;

import dev.connectorengine.worker.dispatch.JobPublisher;
import dev.connectorengine.worker.dispatch.RunAdmission;
import dev.connectorengine.worker.execution.LeaseSweep;
import dev.connectorengine.worker.execution.RequeuedExecution;
import dev.connectorengine.worker.execution.SweepReport;
import dev.connectorengine.worker.execution.SweepRules;
import dev.connectorengine.worker.periodic.PeriodicTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sweeps every interval (see {@link LeaseSweep}). The runs it took back from dead workers wait here
 * for their turn at once ({@link RunAdmission#takeBack}): the dead worker's Kafka partitions move
 * only after its consumer session times out, and its runs should not wait that long. The jobs of
 * any that do not fit, and of runs found waiting too long, are published. Every worker runs one;
 * the sweep's advisory lock lets one act at a time, so adding workers adds no sweeping load.
 */
@Component
class ExecutionSweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ExecutionSweeper.class);

  private final LeaseSweep sweep;
  private final RunAdmission admission;
  private final JobPublisher jobs;
  private final SweepSettings settings;
  private final SweepRules rules;
  private final PeriodicTask task;

  ExecutionSweeper(
      LeaseSweep sweep, RunAdmission admission, JobPublisher jobs, SweepSettings settings) {
    this.sweep = sweep;
    this.admission = admission;
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

  /** Queues what fits here; answers the runs left for other workers, through their jobs. */
  private List<RequeuedExecution> takeHere(List<RequeuedExecution> requeued) {
    if (requeued.isEmpty()) {
      return requeued;
    }
    try {
      return admission.takeBack(requeued);
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
