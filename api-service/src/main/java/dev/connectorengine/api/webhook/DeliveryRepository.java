package dev.connectorengine.api.webhook;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.webhook.DeliveryAttempt;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** The webhook deliveries of one workspace's runs. */
@Repository
class DeliveryRepository {

  private static final TypeReference<List<DeliveryAttempt>> ATTEMPTS = new TypeReference<>() {};

  private static final String EXECUTION_EXISTS =
      """
      SELECT count(*) FROM connector_executions WHERE workspace_id = :workspaceId AND id = :id
      """;

  private static final String OF_EXECUTION =
      """
      SELECT id, execution_id, endpoint_id, url, event_type, message_id, status, attempts,
             next_attempt_at, created_at
        FROM webhook_deliveries
       WHERE workspace_id = :workspaceId AND execution_id = :executionId
       ORDER BY created_at, id
      """;

  // A delivery being sent right now (leased) is left to its attempt: two at once would be two
  // sends.
  private static final String REDELIVER =
      """
      UPDATE webhook_deliveries
         SET status = 'pending', next_attempt_at = :now, cycle_started_at = :now,
             lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
       WHERE id = :id AND workspace_id = :workspaceId
         AND (status <> 'pending' OR lease_expires_at IS NULL OR lease_expires_at < :now)
      RETURNING execution_id
      """;

  private static final String EXISTS =
      """
      SELECT count(*) FROM webhook_deliveries WHERE workspace_id = :workspaceId AND id = :id
      """;

  private final JdbcClient jdbc;

  DeliveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean executionExists(UUID workspaceId, UUID executionId) {
    return jdbc.sql(EXECUTION_EXISTS)
            .param("workspaceId", workspaceId)
            .param("id", executionId)
            .query(Long.class)
            .single()
        > 0;
  }

  List<DeliveryView> ofExecution(UUID workspaceId, UUID executionId) {
    return jdbc.sql(OF_EXECUTION)
        .param("workspaceId", workspaceId)
        .param("executionId", executionId)
        .query(DeliveryRepository::map)
        .list();
  }

  boolean exists(UUID workspaceId, UUID id) {
    return jdbc.sql(EXISTS)
            .param("workspaceId", workspaceId)
            .param("id", id)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Starts a new attempt cycle now; false when there is no such delivery or it is being sent. */
  boolean redeliver(UUID workspaceId, UUID id, Instant now) {
    return jdbc.sql(REDELIVER)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .query(UUID.class)
        .optional()
        .isPresent();
  }

  private static DeliveryView map(ResultSet rs, int row) throws SQLException {
    UUID endpointId = rs.getObject("endpoint_id", UUID.class);
    String status = rs.getString("status");
    return new DeliveryView(
        rs.getObject("id", UUID.class),
        rs.getObject("execution_id", UUID.class),
        endpointId,
        endpointId == null,
        rs.getString("url"),
        rs.getString("event_type"),
        rs.getString("message_id"),
        status,
        ExecutionJson.mapper().readValue(rs.getString("attempts"), ATTEMPTS),
        status.equals("pending") ? instant(rs, "next_attempt_at") : null,
        instant(rs, "created_at"));
  }
}
