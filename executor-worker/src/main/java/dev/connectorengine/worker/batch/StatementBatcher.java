package dev.connectorengine.worker.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Runs the requests of many runs as one statement: writes share one commit (group commit), reads
 * one round trip and one pooled connection. A caller blocks its (virtual) thread until the batch
 * holding its request is done. Each batcher thread takes whatever queued while its previous batch
 * ran, so a quiet worker runs every request at once, with no added wait, and a busy one many per
 * statement: commits and pooled connections are what a worker runs out of first.
 *
 * <p>A batch that lost a deadlock is run again, since it committed nothing. One the database
 * refused for its data (a value it cannot store) is written again in halves, down to the one caller
 * whose data it was, which alone fails, with an {@link ItemRefusedException}: one run's data never
 * fails another run's write. Any other failure (the database or the connection) fails every caller
 * in the batch with the same exception.
 *
 * @param <T> what a caller asks
 * @param <R> what a caller gets back
 */
public final class StatementBatcher<T, R> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatementBatcher.class);
  private static final int DEADLOCK_RETRIES = 3;

  private final String name;
  private final int maxBatch;
  private final Function<List<T>, List<R>> write;
  private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
  private final List<Thread> writers = new ArrayList<>();

  /**
   * Starts {@code writers} threads named after {@code name}.
   *
   * @param write runs a batch and returns one result per item, in the items' order
   */
  public StatementBatcher(
      String name, int maxBatch, int writers, Function<List<T>, List<R>> write) {
    if (maxBatch < 1 || writers < 1) {
      throw new IllegalArgumentException("a statement batcher needs a batch size and writers >= 1");
    }
    this.name = name;
    this.maxBatch = maxBatch;
    this.write = write;
    for (int i = 1; i <= writers; i++) {
      this.writers.add(Thread.ofPlatform().daemon().name(name + "-" + i).start(this::loop));
    }
  }

  /**
   * Queues {@code item} and waits until its batch has run.
   *
   * @throws RuntimeException the exception that failed the batch (a {@code DataAccessException}
   *     when the database did)
   */
  public R call(T item) {
    Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
    queue.add(pending);
    try {
      // join() waits uninterruptibly, as a JDBC call would: once queued, the write happens.
      return pending.result().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Writes waiting for a writer. */
  public int queued() {
    return queue.size();
  }

  private void loop() {
    List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
    while (!Thread.currentThread().isInterrupted()) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, maxBatch - 1);
      writeBatch(batch);
      batch.clear();
    }
  }

  private void writeBatch(List<Pending<T, R>> batch) {
    try {
      List<R> results = writeRetryingDeadlocks(batch.stream().map(Pending::item).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(results.get(i));
      }
    } catch (RuntimeException e) {
      if (!ItemRefusedException.causedByData(e)) {
        fail(batch, e);
      } else if (batch.size() == 1) {
        fail(batch, new ItemRefusedException(e));
      } else {
        log.info("{}: batch of {} refused for its data; writing it in halves", name, batch.size());
        int half = batch.size() / 2;
        writeBatch(batch.subList(0, half));
        writeBatch(batch.subList(half, batch.size()));
      }
    } catch (Error e) {
      fail(batch, e);
    }
  }

  private List<R> writeRetryingDeadlocks(List<T> items) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.apply(items);
      } catch (PessimisticLockingFailureException e) {
        if (attempt == DEADLOCK_RETRIES) {
          throw e;
        }
        log.info("{}: batch of {} lost a lock race, writing it again", name, items.size());
      }
    }
  }

  private void fail(List<Pending<T, R>> batch, Throwable cause) {
    batch.forEach(pending -> pending.result().completeExceptionally(cause));
  }

  /** Stops the writer threads; items still queued are failed. */
  @Override
  public void close() {
    writers.forEach(Thread::interrupt);
    List<Pending<T, R>> left = new ArrayList<>();
    queue.drainTo(left);
    fail(left, new IllegalStateException(name + " is closed"));
  }

  private record Pending<T, R>(T item, CompletableFuture<R> result) {}
}
