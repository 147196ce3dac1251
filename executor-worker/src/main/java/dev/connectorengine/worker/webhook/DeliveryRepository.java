package dev.connectorengine.worker.webhook;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ExecutionView;
import dev.connectorengine.model.execution.ExecutionViewRows;
import dev.connectorengine.model.webhook.DeliveryAttempt;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox as workers use it: claim due deliveries like runs (a guarded update over rows locked
 * with {@code SKIP LOCKED}, so two workers never take the same one), and write each attempt's
 * result fenced on the claim.
 */
@Repository
class DeliveryRepository {

  // next_attempt_at moves to the lease's end: a claimed delivery is not due until it lapses.
  private static final String CLAIM =
      """
      WITH due AS (
        SELECT id FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= :now
         ORDER BY next_attempt_at
         LIMIT :limit
         FOR UPDATE SKIP LOCKED)
      UPDATE webhook_deliveries d
         SET claims = d.claims + 1, lease_owner = :owner, lease_expires_at = :leaseUntil,
             next_attempt_at = :leaseUntil, updated_at = now()
        FROM due
       WHERE d.id = due.id
      RETURNING d.id, d.workspace_id, d.execution_id, d.endpoint_id, d.url, d.event_type,
                d.message_id, d.claims, d.created_at, d.cycle_started_at,
                (SELECT e.url FROM webhook_endpoints e
                  WHERE e.id = d.endpoint_id AND e.deleted_at IS NULL) AS endpoint_url,
                (SELECT count(*) FROM jsonb_array_elements(d.attempts) a
                  WHERE (a ->> 'at')::timestamptz >= d.cycle_started_at) AS cycle_attempts
      """;

  private static final String RECORD =
      """
      UPDATE webhook_deliveries
         SET status = :status, next_attempt_at = :nextAttemptAt, url = :url,
             attempts = attempts || :attempt::jsonb, lease_owner = NULL, lease_expires_at = NULL,
             updated_at = now()
       WHERE id = :id AND claims = :claims AND status = 'pending'
      """;

  private static final String EXECUTION =
      "SELECT " + ExecutionViewRows.COLUMNS + " FROM connector_executions WHERE id = :id";

  private final JdbcClient jdbc;

  DeliveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims up to {@code limit} due deliveries for {@code owner} until {@code leaseUntil}. */
  List<ClaimedDelivery> claim(String owner, Instant now, Instant leaseUntil, int limit) {
    return jdbc.sql(CLAIM)
        .param("owner", owner)
        .param("now", at(now))
        .param("leaseUntil", at(leaseUntil))
        .param("limit", limit)
        .query(DeliveryRepository::claimed)
        .list();
  }

  /**
   * Writes an attempt's result; false when the claim was lost (the lease lapsed and another worker
   * claimed the delivery, or it was redelivered meanwhile): nothing is written then.
   *
   * @param nextAttemptAt when to try again, for a delivery still pending
   */
  boolean record(
      ClaimedDelivery delivery,
      DeliveryStatus status,
      Instant nextAttemptAt,
      DeliveryAttempt attempt) {
    return jdbc.sql(RECORD)
            .param("id", delivery.id())
            .param("claims", delivery.claims())
            .param("status", status.wireName())
            .param("nextAttemptAt", at(nextAttemptAt))
            .param("url", delivery.url())
            .param("attempt", "[" + ExecutionJson.mapper().writeValueAsString(attempt) + "]")
            .update()
        == 1;
  }

  /** The execution as the API shows it. */
  Optional<ExecutionView> execution(UUID id) {
    return jdbc.sql(EXECUTION)
        .param("id", id)
        .query((rs, row) -> ExecutionViewRows.read(rs))
        .optional();
  }

  private static ClaimedDelivery claimed(ResultSet rs, int row) throws SQLException {
    UUID endpointId = rs.getObject("endpoint_id", UUID.class);
    String endpointUrl = rs.getString("endpoint_url");
    boolean gone = endpointId != null && endpointUrl == null;
    return new ClaimedDelivery(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getObject("execution_id", UUID.class),
        endpointId,
        endpointId == null || gone ? rs.getString("url") : endpointUrl,
        gone,
        rs.getString("event_type"),
        rs.getString("message_id"),
        rs.getInt("claims"),
        instant(rs, "created_at"),
        instant(rs, "cycle_started_at"),
        rs.getInt("cycle_attempts"));
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
