package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.execution.ExecutionLeases;
import dev.connectorengine.worker.execution.RequeuedExecution;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands runs this worker will not finish back to pending (fenced on their attempt, ready to resume)
 * and publishes their jobs again, so another worker takes them at once. If that fails, a sweeper
 * takes them when their lease or this worker's liveness lapses.
 */
@Component
class RunGiveBack {

  private static final Logger log = LoggerFactory.getLogger(RunGiveBack.class);

  private final ExecutionLeases leases;
  private final JobPublisher jobs;
  private final WorkerMetrics metrics;

  RunGiveBack(ExecutionLeases leases, JobPublisher jobs, WorkerMetrics metrics) {
    this.leases = leases;
    this.jobs = jobs;
    this.metrics = metrics;
  }

  void giveBack(List<RunHandle> handles) {
    Map<UUID, Integer> attempts = new HashMap<>();
    handles.forEach(h -> attempts.put(h.execution().id(), h.execution().attempt()));
    try {
      List<RequeuedExecution> requeued = leases.giveBack(attempts);
      metrics.givenBack(requeued.size());
      jobs.publish(requeued).get(10, TimeUnit.SECONDS);
      log.info("gave back {} runs; their jobs are published again", requeued.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("could not give back {} runs: {}", handles.size(), e.toString());
    }
  }
}
