package dev.connectorengine.api.requestlog;

import dev.connectorengine.api.web.KeysetCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The request log rows of a workspace: the worker writes a run's, this the credential tests', and
 * pages them newest first. A page walks {@code (workspace_id, created_at DESC, id DESC)}, or the
 * run's own index when an execution is named; the other filters narrow that walk.
 */
@Repository
class RequestLogRepository {

  private static final String SELECT =
      """
      SELECT id, source, execution_id, connector_id, step_id, service, integration, action,
             attempt, retry_count, method, url, http_status, latency_ms, error,
             request_content_type, request_size, request_body,
             response_content_type, response_size, response_body, created_at
        FROM request_logs
       WHERE workspace_id = :workspaceId""";

  private static final String INSERT_CREDENTIAL_TEST =
      """
      INSERT INTO request_logs (id, workspace_id, source, service, attempt, retry_count, method,
                                url, http_status, latency_ms, error, response_content_type,
                                response_size, created_at)
      VALUES (:id, :workspaceId, 'credential_test', :service, 1, 0, :method, :url, :httpStatus,
              :latencyMs, :error, :responseContentType, :responseSize, :createdAt)
      """;

  private final JdbcClient jdbc;

  RequestLogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<RequestLogView> page(
      UUID workspaceId, RequestLogFilter filter, KeysetCursor after, int limit) {
    StringBuilder sql = new StringBuilder(SELECT);
    Map<String, Object> params = new HashMap<>();
    params.put("workspaceId", workspaceId);
    params.put("limit", limit);
    if (filter.executionId() != null) {
      sql.append(" AND execution_id = :executionId");
      params.put("executionId", filter.executionId());
    }
    if (filter.connectorId() != null) {
      sql.append(" AND connector_id = :connectorId");
      params.put("connectorId", filter.connectorId());
    }
    if (filter.integration() != null) {
      sql.append(" AND integration = :integration");
      params.put("integration", filter.integration());
    }
    if (filter.action() != null) {
      sql.append(" AND action = :action");
      params.put("action", filter.action());
    }
    if (filter.noAnswer()) {
      sql.append(" AND http_status IS NULL");
    }
    if (filter.statusFrom() != null) {
      sql.append(" AND http_status BETWEEN :statusFrom AND :statusTo");
      params.put("statusFrom", filter.statusFrom());
      params.put("statusTo", filter.statusTo());
    }
    if (filter.since() != null) {
      sql.append(" AND created_at >= :since");
      params.put("since", utc(filter.since()));
    }
    if (filter.until() != null) {
      sql.append(" AND created_at < :until");
      params.put("until", utc(filter.until()));
    }
    if (after != null) {
      sql.append(" AND (created_at, id) < (:cursorAt, :cursorId)");
      params.put("cursorAt", utc(after.createdAt()));
      params.put("cursorId", after.id());
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
    return jdbc.sql(sql.toString()).params(params).query(RequestLogRepository::map).list();
  }

  void insertCredentialTest(UUID workspaceId, CredentialTestCall call, Instant at) {
    jdbc.sql(INSERT_CREDENTIAL_TEST)
        .param("id", UUID.randomUUID())
        .param("workspaceId", workspaceId)
        .param("service", call.service())
        .param("method", call.method())
        .param("url", call.url())
        .param("httpStatus", call.httpStatus())
        .param("latencyMs", call.latencyMs())
        .param("error", call.error())
        .param("responseContentType", call.responseContentType())
        .param("responseSize", call.responseSize())
        .param("createdAt", utc(at))
        .update();
  }

  private static RequestLogView map(ResultSet rs, int row) throws SQLException {
    String responseType = rs.getString("response_content_type");
    Long responseSize = rs.getObject("response_size", Long.class);
    String responseBody = rs.getString("response_body");
    boolean answered =
        rs.getObject("http_status") != null
            || responseType != null
            || responseSize != null
            || responseBody != null;
    return new RequestLogView(
        rs.getObject("id", UUID.class),
        rs.getString("source"),
        rs.getObject("execution_id", UUID.class),
        rs.getObject("connector_id", UUID.class),
        rs.getString("step_id"),
        rs.getString("service"),
        rs.getString("integration"),
        rs.getString("action"),
        rs.getInt("attempt"),
        rs.getInt("retry_count"),
        rs.getString("method"),
        rs.getString("url"),
        rs.getObject("http_status", Integer.class),
        rs.getLong("latency_ms"),
        rs.getString("error"),
        new RequestLogView.Summary(
            rs.getString("request_content_type"),
            rs.getObject("request_size", Long.class),
            rs.getString("request_body")),
        answered ? new RequestLogView.Summary(responseType, responseSize, responseBody) : null,
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
