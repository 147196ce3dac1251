package dev.connectorengine.worker.dispatch;

import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.run.ConnectorRunner;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs claimed executions, each on its own virtual thread, and keeps this worker under its
 * in-flight limit: at the limit it pauses job consumption, below it it resumes. The poll loop
 * itself never blocks on a run.
 *
 * <p>It stops after the listener containers (lower phase), waiting up to the shutdown grace for
 * runs in flight, then interrupts the rest; an interrupted run writes nothing more.
 */
@Component
class RunDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);

  private final ConnectorRunner runner;
  private final JobConsumption consumption;
  private final WorkerSettings settings;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<UUID, Future<?>> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile boolean running;
  private boolean paused;

  RunDispatcher(ConnectorRunner runner, JobConsumption consumption, WorkerSettings settings) {
    this.runner = runner;
    this.consumption = consumption;
    this.settings = settings;
  }

  /** Starts running a claimed execution on a virtual thread. */
  void start(ClaimedExecution execution) {
    count.incrementAndGet();
    adjustConsumption();
    FutureTask<Void> task = new FutureTask<>(() -> run(execution), null);
    // Registered before it starts, so a run that ends at once still finds its entry to remove.
    inFlight.put(execution.id(), task);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // The worker is shutting down: the claim's lease expires and the run goes to another worker.
      inFlight.remove(execution.id());
      count.decrementAndGet();
      log.warn("execution {} not started: worker is stopping", execution.id());
    }
  }

  /** Runs currently in flight on this worker. */
  int inFlight() {
    return count.get();
  }

  private void run(ClaimedExecution execution) {
    try {
      runner.run(execution);
    } catch (InterruptedException e) {
      log.info("execution {} abandoned at shutdown", execution.id());
    } catch (RuntimeException e) {
      log.error("execution {} broke", execution.id(), e);
      failQuietly(execution, e);
    } finally {
      inFlight.remove(execution.id());
      count.decrementAndGet();
      adjustConsumption();
    }
  }

  private void failQuietly(ClaimedExecution execution, RuntimeException cause) {
    try {
      runner.fail(execution, "worker error: " + cause.getClass().getSimpleName());
    } catch (RuntimeException e) {
      log.error("execution {} could not be ended; its lease will expire", execution.id(), e);
    }
  }

  private synchronized void adjustConsumption() {
    boolean full = count.get() >= settings.maxInFlight();
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
    log.info(
        "worker {} runs up to {} executions at once, lease {}",
        settings.id(),
        settings.maxInFlight(),
        settings.lease());
  }

  @Override
  public void stop() {
    running = false;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} runs still in flight after the shutdown grace; abandoning them", count.get());
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Below the listener containers' phase, so consumption stops before the runs are drained. */
  @Override
  public int getPhase() {
    return 0;
  }
}
