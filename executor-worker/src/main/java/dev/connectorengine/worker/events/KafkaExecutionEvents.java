package dev.connectorengine.worker.events;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.messaging.ExecutionEvent;
import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.worker.execution.ExecutionEventSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes status changes to {@link Topics#EXECUTION_EVENTS}, keyed by execution id. Callers hand
 * events over and return at once: one sender thread takes them in order (so one run's events keep
 * their order) and a send that fails is logged, never retried. When the broker is away long enough
 * for the queue to fill, further events are dropped with a warning: the database stays the truth.
 */
@Component
class KafkaExecutionEvents implements ExecutionEventSink, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(KafkaExecutionEvents.class);
  private static final int QUEUE_CAPACITY = 100_000;
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final KafkaTemplate<String, String> kafka;
  private final ThreadPoolExecutor sender =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(QUEUE_CAPACITY),
          Thread.ofVirtual().name("execution-events").factory());
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

  KafkaExecutionEvents(KafkaTemplate<String, String> kafka) {
    this.kafka = kafka;
  }

  @Override
  public void publish(List<ExecutionEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    try {
      sender.execute(() -> events.forEach(this::send));
    } catch (RejectedExecutionException e) {
      failed(events.size(), "event queue full or closed");
    }
  }

  private void send(ExecutionEvent event) {
    try {
      kafka
          .send(
              Topics.EXECUTION_EVENTS,
              event.executionId().toString(),
              ExecutionJson.mapper().writeValueAsString(event))
          .whenComplete(
              (result, error) -> {
                if (error != null) {
                  failed(1, error.toString());
                }
              });
    } catch (RuntimeException e) {
      failed(1, e.toString());
    }
  }

  private void failed(int events, String reason) {
    long total = failures.addAndGet(events);
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
      log.warn("execution events not published ({} so far): {}", total, reason);
    }
  }

  /**
   * Waits until the events queued so far are handed to the producer and sent: the give-back at
   * shutdown publishes "pending" events just before the producer closes.
   */
  @Override
  public void flush(Duration timeout) {
    try {
      sender.submit(kafka::flush).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
      log.warn("execution events not all sent before shutdown: {}", e.toString());
    }
  }

  /** Sends what is queued before the producer closes, for a few seconds at most. */
  @Override
  public void destroy() throws InterruptedException {
    sender.shutdown();
    if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
      log.warn("{} event batches not sent at shutdown", sender.getQueue().size());
      sender.shutdownNow();
    }
  }
}
