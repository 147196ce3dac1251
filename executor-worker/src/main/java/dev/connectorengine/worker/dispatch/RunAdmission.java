package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.dispatch.WaitingRuns.Room;
import dev.connectorengine.worker.dispatch.WaitingRuns.Waiting;
import dev.connectorengine.worker.execution.ClaimResult;
import dev.connectorengine.worker.execution.RequeuedExecution;
import dev.connectorengine.worker.fairness.FairnessSettings;
import dev.connectorengine.worker.fairness.RunShares;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Lets the jobs read from Kafka in as this worker has room, serving the workspaces in turn: the
 * listener queues each job behind its workspace's others ({@link WaitingRuns}) and goes on reading,
 * and this loop claims the next jobs whenever a run ends or a job arrives, one workspace at a time,
 * each within its share of the workers ({@link RunShares}). A workspace that triggered 100,000 runs
 * therefore holds back another's next run by one turn, not by 100,000 runs.
 *
 * <p>The jobs waiting here are only read ahead: their rows stay pending, so none is lost with this
 * worker. Consumption pauses while {@code WORKER_MAX_WAITING} wait; a worker that stops publishes
 * the jobs still waiting for another worker to take, and the jobs of a worker that died are
 * published again by the sweeper once they waited {@code WORKER_REPUBLISH_AFTER}.
 */
@Component
public class RunAdmission implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunAdmission.class);
  private static final int MAX_CLAIM = 500;
  private static final Duration AFTER_FAILED_CLAIM = Duration.ofSeconds(1);
  private static final long IDLE_WAKE_MS = 20;

  private final WaitingRuns waiting = new WaitingRuns();
  private final Semaphore wake = new Semaphore(0);
  private final RunDispatcher dispatcher;
  private final RunIntake intake;
  private final RunShares shares;
  private final JobConsumption consumption;
  private final DeadLetterPublisher deadLetters;
  private final JobPublisher jobs;
  private final FairnessSettings settings;
  private final WorkerMetrics metrics;
  private final Room roomPerShare;
  private volatile boolean running;
  private boolean paused;
  private Thread loop;

  RunAdmission(
      RunDispatcher dispatcher,
      RunIntake intake,
      RunShares shares,
      JobConsumption consumption,
      DeadLetterPublisher deadLetters,
      JobPublisher jobs,
      FairnessSettings settings,
      WorkerMetrics metrics) {
    this.dispatcher = dispatcher;
    this.intake = intake;
    this.shares = shares;
    this.consumption = consumption;
    this.deadLetters = deadLetters;
    this.jobs = jobs;
    this.settings = settings;
    this.metrics = metrics;
    this.roomPerShare =
        new Room() {
          @Override
          public int ofWorkspace(UUID workspaceId) {
            return shares.ofWorkspace(workspaceId) - dispatcher.runningOfWorkspace(workspaceId);
          }

          @Override
          public int ofConnector(UUID connectorId) {
            return shares.ofConnector(connectorId) - dispatcher.runningOfConnector(connectorId);
          }
        };
    dispatcher.whenRunEnds(this::wake);
    metrics.waiting(waiting::size);
  }

  /** Queues jobs read from Kafka for their workspace's turn. */
  void admit(List<Waiting> arrived) {
    arrived.forEach(waiting::add);
    adjustConsumption();
    wake();
  }

  /**
   * Queues runs this worker's sweep just took back from a dead worker, as many as {@code
   * WORKER_MAX_WAITING} leaves room for: the dead worker's partitions move only once its consumer
   * session times out, and its runs should not wait that long.
   *
   * @return the runs not queued, whose jobs the caller publishes
   */
  public List<RequeuedExecution> takeBack(List<RequeuedExecution> runs) {
    int room = Math.max(0, settings.maxWaiting() - waiting.size());
    List<RequeuedExecution> queued = runs.subList(0, Math.min(room, runs.size()));
    long now = System.nanoTime();
    admit(
        queued.stream()
            .map(
                run ->
                    new Waiting(
                        run.id(), run.workspaceId(), run.connectorId(), run.attempt(), null, now))
            .toList());
    return runs.subList(queued.size(), runs.size());
  }

  private void wake() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  private void loop() {
    while (running) {
      try {
        wake.tryAcquire(IDLE_WAKE_MS, TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
      if (running && !admitQuietly()) {
        try {
          Thread.sleep(AFTER_FAILED_CLAIM);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private boolean admitQuietly() {
    try {
      return admitWhatFits();
    } catch (RuntimeException e) {
      // The loop must outlive any one bad turn: the jobs stay pending, the sweeper keeps them.
      log.error("admitting waiting runs failed", e);
      return false;
    }
  }

  /** Claims waiting jobs while there is room; false when a claim failed. */
  boolean admitWhatFits() {
    while (true) {
      int room = Math.min(dispatcher.room(), MAX_CLAIM);
      List<Waiting> next = room == 0 ? List.of() : waiting.next(room, roomPerShare);
      adjustConsumption();
      if (next.isEmpty()) {
        return true;
      }
      Map<UUID, Waiting> byId = new HashMap<>();
      next.forEach(job -> byId.put(job.executionId(), job));
      ClaimResult result;
      try {
        result = intake.take(byId.keySet());
      } catch (RuntimeException e) {
        waiting.putBack(next);
        log.warn("could not claim {} runs; trying again: {}", next.size(), e.toString());
        return false;
      }
      long claimed = System.nanoTime();
      next.forEach(job -> metrics.jobWaited(Duration.ofNanos(claimed - job.readNanos())));
      List<CompletableFuture<?>> letters = new ArrayList<>();
      for (UUID unknown : result.unknown()) {
        ConsumerRecord<String, String> record = byId.get(unknown).record();
        if (record != null) {
          letters.add(deadLetters.send(record, "no execution " + unknown));
        }
      }
      CompletableFuture.allOf(letters.toArray(CompletableFuture[]::new)).join();
    }
  }

  private synchronized void adjustConsumption() {
    if (!running) {
      return;
    }
    boolean full = waiting.size() >= settings.maxWaiting();
    if (full && !paused) {
      paused = true;
      consumption.pause();
    } else if (!full && paused) {
      paused = false;
      consumption.resume();
    }
  }

  @Override
  public void start() {
    running = true;
    // A platform thread: a virtual one would wait behind thousands of runs for a carrier.
    loop = Thread.ofPlatform().daemon().name("run-admission").start(this::loop);
  }

  /** Runs after the listener stopped: publishes the jobs still waiting, for another worker. */
  @Override
  public void stop() {
    running = false;
    wake();
    if (loop != null) {
      try {
        loop.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<Waiting> left = waiting.drain();
    if (!left.isEmpty()) {
      log.info("stopping: publishing the jobs of {} runs still waiting here", left.size());
      jobs.publish(
              left.stream()
                  .map(
                      job ->
                          new RequeuedExecution(
                              job.executionId(),
                              job.workspaceId(),
                              job.connectorId(),
                              job.attempt()))
                  .toList())
          .join();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Between the listener container (which stops first) and the dispatcher. */
  @Override
  public int getPhase() {
    return 100;
  }
}
