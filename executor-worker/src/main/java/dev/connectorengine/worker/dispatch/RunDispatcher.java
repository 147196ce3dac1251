package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.execution.ClaimResult;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.fairness.FairnessSettings;
import dev.connectorengine.worker.liveness.Fence;
import dev.connectorengine.worker.liveness.Incarnation;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import dev.connectorengine.worker.run.ConnectorRunner;
import dev.connectorengine.worker.run.RunSignal;
import dev.connectorengine.worker.run.RunSignal.Stop;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Runs claimed executions, each on its own virtual thread, and counts them, in all and per
 * workspace, so that {@link RunAdmission} keeps this worker under its in-flight limit and each
 * workspace within its share. The poll loop itself never blocks on a run. Each run has a {@link
 * RunSignal} through which the heartbeat, the cancellation watcher and shutdown stop it.
 *
 * <p>It stops after the listener container (lower phase), so no job arrives any more: it lets runs
 * finish for up to the shutdown grace, then stops the rest and gives them back (pending, lease
 * cleared, fenced on their attempt) and publishes their jobs again, so another worker takes them at
 * once.
 */
@Component
class RunDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);
  private static final Duration AFTER_GIVE_BACK = Duration.ofSeconds(5);

  private final ConnectorRunner runner;
  private final RunGiveBack giveBacks;
  private final WorkerMetrics metrics;
  private final WorkerSettings settings;
  private final FairnessSettings fairness;
  private final AtomicInteger waitingRuns = new AtomicInteger();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<UUID, RunHandle> inFlight = new ConcurrentHashMap<>();
  private final Map<UUID, Integer> inFlightByWorkspace = new ConcurrentHashMap<>();
  private final Map<UUID, Integer> inFlightByConnector = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final Object drained = new Object();
  private volatile Runnable runEnded = () -> {};
  private volatile boolean running;

  RunDispatcher(
      ConnectorRunner runner,
      RunGiveBack giveBacks,
      WorkerMetrics metrics,
      WorkerSettings settings,
      FairnessSettings fairness) {
    this.runner = runner;
    this.giveBacks = giveBacks;
    this.metrics = metrics;
    this.settings = settings;
    this.fairness = fairness;
    metrics.inFlight(count::get);
    metrics.runsWaitingOnTargets(waitingRuns::get);
  }

  /** Starts running the executions a claim gave, each on a virtual thread. */
  void startClaimed(ClaimResult result) {
    for (ClaimedExecution execution : result.claimed()) {
      start(
          RunHandle.of(
              execution,
              result.owner(),
              Fence.granted(result.sentNanos(), settings.lease()),
              waitingRuns));
    }
  }

  private void start(RunHandle handle) {
    ClaimedExecution execution = handle.execution();
    if (!handle.fenceHolds()) {
      // Claimed just as this incarnation died: its owner's liveness lapses and a sweeper takes it.
      log.warn(
          "execution {} claimed by {}, which is no longer alive: not run here",
          execution.id(),
          handle.owner());
      return;
    }
    RunHandle older = inFlight.put(execution.id(), handle);
    if (older != null) {
      // An older attempt of ours lost its lease and the run came back to us: it must stop.
      older.signal().stop(Stop.LOST);
    }
    count.incrementAndGet();
    inFlightByWorkspace.merge(execution.workspaceId(), 1, Integer::sum);
    inFlightByConnector.merge(execution.connectorId(), 1, Integer::sum);
    try {
      executor.execute(() -> run(handle));
    } catch (RejectedExecutionException e) {
      ended(handle);
      log.warn("execution {} not started: worker is stopping; giving it back", execution.id());
      giveBacks.giveBack(List.of(handle));
    }
  }

  /** Runs in flight on this worker. */
  int inFlight() {
    return count.get();
  }

  /** Runs of the workspace in flight on this worker. */
  int runningOfWorkspace(UUID workspaceId) {
    return workspaceId == null ? 0 : inFlightByWorkspace.getOrDefault(workspaceId, 0);
  }

  /** Runs of the connector in flight on this worker. */
  int runningOfConnector(UUID connectorId) {
    return connectorId == null ? 0 : inFlightByConnector.getOrDefault(connectorId, 0);
  }

  /** Has {@code action} told each time a run ends and frees its room. */
  void whenRunEnds(Runnable action) {
    runEnded = action;
  }

  /**
   * Room for more runs: below the in-flight limit, and below the limit of runs being worked on,
   * which leaves out the runs waiting on a target or a backoff.
   */
  int room() {
    int inFlight = count.get();
    int working = inFlight - waitingRuns.get();
    return Math.max(
        0, Math.min(settings.maxInFlight() - inFlight, fairness.maxWorking() - working));
  }

  /** The runs in flight that {@code owner} claimed. */
  List<RunHandle> inFlightOf(Incarnation owner) {
    return inFlight.values().stream().filter(handle -> handle.owner() == owner).toList();
  }

  /** The runs in flight now. */
  Collection<RunHandle> inFlightRuns() {
    return List.copyOf(inFlight.values());
  }

  /** Stops the run of {@code id} if it is in flight on {@code attempt}. */
  void stop(UUID id, int attempt, Stop reason) {
    RunHandle handle = inFlight.get(id);
    if (handle != null && handle.execution().attempt() == attempt) {
      handle.signal().stop(reason);
    }
  }

  /** Stops the run of {@code id}, whatever its attempt, if it is in flight. */
  void stop(UUID id, Stop reason) {
    RunHandle handle = inFlight.get(id);
    if (handle != null) {
      handle.signal().stop(reason);
    }
  }

  private void run(RunHandle handle) {
    ClaimedExecution execution = handle.execution();
    try {
      runner.run(execution, handle.signal());
    } catch (DataAccessException | TransactionException e) {
      // The database, not the run, failed (a cut connection can also fail the rollback, which
      // Spring reports as a TransactionException): hand it back, or let its lease expire, to run
      // it again.
      log.warn("execution {}: database error, giving it back: {}", execution.id(), e.toString());
      giveBacks.giveBack(List.of(handle));
    } catch (RuntimeException e) {
      if (handle.signal().stopped() == null || handle.signal().stopped() == Stop.CANCEL) {
        log.error("execution {} broke", execution.id(), e);
        failQuietly(execution, e);
      } else {
        log.info("execution {} stopped ({}): {}", execution.id(), handle.signal().stopped(), e);
      }
    } finally {
      ended(handle);
    }
  }

  private void ended(RunHandle handle) {
    inFlight.remove(handle.execution().id(), handle);
    count.decrementAndGet();
    release(inFlightByWorkspace, handle.execution().workspaceId());
    release(inFlightByConnector, handle.execution().connectorId());
    synchronized (drained) {
      drained.notifyAll();
    }
    runEnded.run();
  }

  private static void release(Map<UUID, Integer> counts, UUID key) {
    counts.computeIfPresent(key, (id, running) -> running == 1 ? null : running - 1);
  }

  private void failQuietly(ClaimedExecution execution, RuntimeException cause) {
    try {
      runner.fail(execution, "worker error: " + cause.getClass().getSimpleName());
    } catch (RuntimeException e) {
      log.error("execution {} could not be ended; its lease will expire", execution.id(), e);
    }
  }

  private boolean awaitDrained(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (drained) {
      while (count.get() > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        try {
          drained.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public void start() {
    running = true;
    log.info(
        "worker {} runs up to {} executions at once, lease {}, heartbeat every {}",
        settings.id(),
        settings.maxInFlight(),
        settings.lease(),
        settings.heartbeatInterval());
  }

  @Override
  public void stop() {
    running = false;
    if (count.get() > 0) {
      log.info(
          "stopping: letting {} runs finish for up to {}", count.get(), settings.shutdownGrace());
    }
    if (!awaitDrained(settings.shutdownGrace())) {
      List<RunHandle> remaining = List.copyOf(inFlight.values());
      log.warn(
          "{} runs still in flight after the shutdown grace; giving them back", remaining.size());
      remaining.forEach(handle -> handle.signal().stop(Stop.GIVE_BACK));
      giveBacks.giveBack(remaining);
      awaitDrained(AFTER_GIVE_BACK);
    }
    // The status events of the last runs are in the outbox: the event relay, stopping after this
    // phase, sends what it can, and any other worker the rest.
    executor.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Below the listener container's phase, so consumption stops before the runs are drained. */
  @Override
  public int getPhase() {
    return 0;
  }
}
