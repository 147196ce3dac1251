package dev.connectorengine.worker.events;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.messaging.ExecutionEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox of status events ({@code execution_event_outbox}), which a trigger on {@code
 * connector_executions} fills in the transaction of each status change. The relay takes rows here
 * in the order they were written.
 */
@Repository
class EventOutbox {

  /** Arbitrary, fixed: the advisory lock the relaying transaction holds across all workers. */
  static final long RELAY_LOCK_KEY = 0x436f6e6e4576656eL;

  private static final String LOCK = "SELECT pg_advisory_xact_lock(:key)";

  private static final String TAKE =
      """
      DELETE FROM execution_event_outbox
      WHERE id IN (SELECT id FROM execution_event_outbox ORDER BY id LIMIT :limit)
      RETURNING id, event_id, execution_id, workspace_id, connector_id, sequence, status,
                current_step, changed_at
      """;

  private final JdbcClient jdbc;

  EventOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Waits for the relay lock, held until the current transaction ends: one relay at a time, so the
   * topic gets each execution's events in the order they were written.
   */
  void lock() {
    jdbc.sql(LOCK).param("key", RELAY_LOCK_KEY).query((rs, row) -> row).list();
  }

  /**
   * Deletes and answers the oldest {@code limit} events, in the order they were written. A rollback
   * puts them back.
   */
  List<OutboxEvent> take(int limit) {
    return jdbc.sql(TAKE).param("limit", limit).query(EventOutbox::event).list().stream()
        .sorted(Comparator.comparingLong(OutboxEvent::id))
        .toList();
  }

  private static OutboxEvent event(ResultSet rs, int row) throws SQLException {
    Timestamp at = rs.getTimestamp("changed_at");
    return new OutboxEvent(
        rs.getLong("id"),
        new ExecutionEvent(
            rs.getObject("execution_id", UUID.class),
            rs.getObject("workspace_id", UUID.class),
            rs.getObject("connector_id", UUID.class),
            ExecutionStatus.fromWireName(rs.getString("status")),
            rs.getString("current_step"),
            at.toInstant(),
            rs.getObject("event_id", UUID.class),
            rs.getInt("sequence")));
  }
}
