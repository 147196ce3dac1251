package dev.connectorengine.worker.testdata;

import dev.connectorengine.model.messaging.ExecutionEvent;
import dev.connectorengine.worker.execution.ExecutionEventSink;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the events published, in order, for tests that run without a broker. */
public final class RecordedEvents implements ExecutionEventSink {

  private final List<ExecutionEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void publish(List<ExecutionEvent> published) {
    events.addAll(published);
  }

  public List<ExecutionEvent> all() {
    return List.copyOf(events);
  }

  public List<ExecutionEvent> of(UUID executionId) {
    return events.stream().filter(event -> event.executionId().equals(executionId)).toList();
  }
}
