package dev.connectorengine.worker.execution;

import dev.connectorengine.model.messaging.ExecutionEvent;
import java.time.Duration;
import java.util.List;

/**
 * Where status changes go once their database write has committed. Implementations must return at
 * once (never blocking a run on a broker) and never throw.
 */
public interface ExecutionEventSink {

  void publish(List<ExecutionEvent> events);

  /**
   * Waits up to {@code timeout} until the events published so far have left: a stopping worker
   * calls it before its producer closes.
   */
  default void flush(Duration timeout) {}
}
