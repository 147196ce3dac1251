package dev.connectorengine.api.execution;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * The calls of this instance waiting for an execution to end, by execution id, at most {@code
 * connector-engine.executions.max-waiters} at once. {@link ExecutionEndListener} wakes them.
 */
@Component
class ExecutionWaiters {

  private final ConcurrentHashMap<UUID, Set<Waiter>> byExecution = new ConcurrentHashMap<>();
  private final Semaphore slots;

  ExecutionWaiters(ExecutionSettings settings) {
    this.slots = new Semaphore(settings.maxWaiters());
  }

  /** A waiter for this execution's end; empty when as many calls wait already as may. */
  Optional<Waiter> register(UUID executionId) {
    if (!slots.tryAcquire()) {
      return Optional.empty();
    }
    Waiter waiter = new Waiter(executionId);
    byExecution.compute(
        executionId,
        (id, waiting) -> {
          Set<Waiter> set = waiting == null ? ConcurrentHashMap.newKeySet() : waiting;
          set.add(waiter);
          return set;
        });
    return Optional.of(waiter);
  }

  /** The execution ended: wakes every call waiting for it. */
  void ended(UUID executionId) {
    Set<Waiter> waiting = byExecution.remove(executionId);
    if (waiting != null) {
      waiting.forEach(w -> w.woken.countDown());
    }
  }

  /** Whether any call waits now. */
  boolean anyWaiting() {
    return !byExecution.isEmpty();
  }

  /** Whether a call waits for this execution now. */
  boolean waitingFor(UUID executionId) {
    return byExecution.containsKey(executionId);
  }

  /** How many calls wait now. */
  int waiting() {
    return byExecution.values().stream().mapToInt(Set::size).sum();
  }

  /** One call waiting for one execution to end. */
  final class Waiter {

    private final UUID executionId;
    private final CountDownLatch woken = new CountDownLatch(1);
    private final AtomicBoolean done = new AtomicBoolean();

    private Waiter(UUID executionId) {
      this.executionId = executionId;
    }

    /** Waits until the execution ends, or {@code wait} passes; true when it ended. */
    boolean await(Duration wait) throws InterruptedException {
      return woken.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** No longer waits: frees its slot, and ends {@link #await} at once. Idempotent. */
    void close() {
      if (done.compareAndSet(false, true)) {
        byExecution.computeIfPresent(
            executionId,
            (id, waiting) -> {
              waiting.remove(this);
              return waiting.isEmpty() ? null : waiting;
            });
        slots.release();
        woken.countDown();
      }
    }
  }
}
