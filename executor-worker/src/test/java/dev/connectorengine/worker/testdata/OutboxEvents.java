package dev.connectorengine.worker.testdata;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.messaging.ExecutionEvent;
import dev.connectorengine.worker.execution.StatusEventsWritten;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The status events waiting in the outbox, read as the database's owner, for tests that run without
 * a relay; and, as the worker's {@link StatusEventsWritten}, a count of the commits it was told of.
 */
public final class OutboxEvents implements StatusEventsWritten {

  private static final String EVENTS =
      """
      SELECT execution_id, workspace_id, connector_id, status, current_step, changed_at, event_id,
             sequence
      FROM execution_event_outbox WHERE execution_id = ANY(CAST(:ids AS uuid[]))
      ORDER BY execution_id, sequence
      """;

  private final JdbcClient owner;
  private final AtomicInteger commits = new AtomicInteger();

  public OutboxEvents(JdbcClient owner) {
    this.owner = owner;
  }

  @Override
  public void committed() {
    commits.incrementAndGet();
  }

  /** How many commits with status changes the worker reported. */
  public int commits() {
    return commits.get();
  }

  /** The events of one execution waiting in the outbox, in sequence order. */
  public List<ExecutionEvent> of(UUID executionId) {
    return of(List.of(executionId));
  }

  /** The events of these executions waiting in the outbox, each execution's in sequence order. */
  public List<ExecutionEvent> of(Collection<UUID> executionIds) {
    return owner
        .sql(EVENTS)
        .param("ids", executionIds.toArray(UUID[]::new))
        .query(
            (rs, row) ->
                new ExecutionEvent(
                    rs.getObject("execution_id", UUID.class),
                    rs.getObject("workspace_id", UUID.class),
                    rs.getObject("connector_id", UUID.class),
                    ExecutionStatus.fromWireName(rs.getString("status")),
                    rs.getString("current_step"),
                    rs.getTimestamp("changed_at").toInstant(),
                    rs.getObject("event_id", UUID.class),
                    rs.getInt("sequence")))
        .list();
  }
}
