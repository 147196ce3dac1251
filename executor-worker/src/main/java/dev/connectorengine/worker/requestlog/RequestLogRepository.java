package dev.connectorengine.worker.requestlog;

import dev.connectorengine.worker.batch.JdbcArrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes request log rows: the rows of a whole batch of runs as one INSERT over arrays, inside the
 * caller's transaction (the batched terminal write), so logging adds no commit and one statement
 * per batch. A deleted workspace's runs log nothing: its rows are being purged, and a run still in
 * flight must not write new ones behind the purge.
 */
@Repository
public class RequestLogRepository {

  private static final String INSERT =
      """
      INSERT INTO request_logs (id, workspace_id, source, execution_id, connector_id, step_id,
                                integration, action, attempt, retry_count, method, url, http_status, latency_ms, error,
                                request_content_type, request_size, request_body,
                                response_content_type, response_size, response_body, created_at)
      SELECT id, workspace_id, 'step', execution_id, connector_id, step_id,
             integration, action, attempt, attempt - 1, method, url, http_status, latency_ms, error,
             request_content_type, request_size, request_body,
             response_content_type, response_size, response_body, created_at
        FROM unnest(CAST(:ids AS uuid[]), CAST(:workspaceIds AS uuid[]),
                    CAST(:executionIds AS uuid[]), CAST(:connectorIds AS uuid[]),
                    CAST(:stepIds AS text[]), CAST(:integrations AS text[]),
                    CAST(:actions AS text[]), CAST(:attempts AS int[]), CAST(:methods AS text[]),
                    CAST(:urls AS text[]), CAST(:statuses AS int[]), CAST(:latencies AS int8[]),
                    CAST(:errors AS text[]), CAST(:requestTypes AS text[]),
                    CAST(:requestSizes AS int8[]), CAST(:requestBodies AS text[]),
                    CAST(:responseTypes AS text[]), CAST(:responseSizes AS int8[]),
                    CAST(:responseBodies AS text[]), CAST(:createdAts AS timestamptz[]))
          AS v(id, workspace_id, execution_id, connector_id, step_id, integration, action, attempt, method, url,
               http_status, latency_ms, error, request_content_type, request_size, request_body,
               response_content_type, response_size, response_body, created_at)
       WHERE NOT EXISTS (SELECT 1 FROM workspaces w
                          WHERE w.id = v.workspace_id AND w.deleted_at IS NOT NULL)
      """;

  private final JdbcClient jdbc;

  public RequestLogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts {@code logs} in one statement, in the caller's transaction; nothing when empty. */
  public void insert(List<RequestLog> logs) {
    int n = logs.size();
    if (n == 0) {
      return;
    }
    Object[] ids = new Object[n];
    Object[] workspaceIds = new Object[n];
    Object[] executionIds = new Object[n];
    Object[] connectorIds = new Object[n];
    Object[] stepIds = new Object[n];
    Object[] integrations = new Object[n];
    Object[] actions = new Object[n];
    Object[] attempts = new Object[n];
    Object[] methods = new Object[n];
    Object[] urls = new Object[n];
    Object[] statuses = new Object[n];
    Object[] latencies = new Object[n];
    Object[] errors = new Object[n];
    Object[] requestTypes = new Object[n];
    Object[] requestSizes = new Object[n];
    Object[] requestBodies = new Object[n];
    Object[] responseTypes = new Object[n];
    Object[] responseSizes = new Object[n];
    Object[] responseBodies = new Object[n];
    Object[] createdAts = new Object[n];
    for (int i = 0; i < n; i++) {
      RequestLog log = logs.get(i);
      ids[i] = log.id();
      workspaceIds[i] = log.workspaceId();
      executionIds[i] = log.executionId();
      connectorIds[i] = log.connectorId();
      stepIds[i] = log.stepId();
      integrations[i] = log.integration();
      actions[i] = log.action();
      attempts[i] = log.attempt();
      methods[i] = log.method();
      urls[i] = log.url();
      statuses[i] = log.httpStatus();
      latencies[i] = log.latencyMs();
      errors[i] = log.error();
      requestTypes[i] = log.requestContentType();
      requestSizes[i] = log.requestSize();
      requestBodies[i] = log.requestBody();
      responseTypes[i] = log.responseContentType();
      responseSizes[i] = log.responseSize();
      responseBodies[i] = log.responseBody();
      // As ISO-8601 text, an Instant's own form: exact whatever the JVM's time zone.
      createdAts[i] = log.createdAt().toString();
    }
    jdbc.sql(INSERT)
        .param("ids", JdbcArrays.of("uuid", ids))
        .param("workspaceIds", JdbcArrays.of("uuid", workspaceIds))
        .param("executionIds", JdbcArrays.of("uuid", executionIds))
        .param("connectorIds", JdbcArrays.of("uuid", connectorIds))
        .param("stepIds", JdbcArrays.of("text", stepIds))
        .param("integrations", JdbcArrays.of("text", integrations))
        .param("actions", JdbcArrays.of("text", actions))
        .param("attempts", JdbcArrays.of("int4", attempts))
        .param("methods", JdbcArrays.of("text", methods))
        .param("urls", JdbcArrays.of("text", urls))
        .param("statuses", JdbcArrays.of("int4", statuses))
        .param("latencies", JdbcArrays.of("int8", latencies))
        .param("errors", JdbcArrays.of("text", errors))
        .param("requestTypes", JdbcArrays.of("text", requestTypes))
        .param("requestSizes", JdbcArrays.of("int8", requestSizes))
        .param("requestBodies", JdbcArrays.of("text", requestBodies))
        .param("responseTypes", JdbcArrays.of("text", responseTypes))
        .param("responseSizes", JdbcArrays.of("int8", responseSizes))
        .param("responseBodies", JdbcArrays.of("text", responseBodies))
        .param("createdAts", JdbcArrays.of("text", createdAts))
        .update();
  }
}
