package dev.connectorengine.worker.execution;

import dev.connectorengine.model.messaging.ExecutionEvent;
import java.util.List;

/**
 * Where status changes go once their database write has committed. Implementations must return at
 * once (never blocking a run on a broker) and never throw.
 */
public interface ExecutionEventSink {

  void publish(List<ExecutionEvent> events);
}
