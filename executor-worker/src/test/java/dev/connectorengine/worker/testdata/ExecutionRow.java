package dev.connectorengine.worker.testdata;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.StepRecord;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** An execution row as stored, for assertions; {@link #raw} is the whole row as JSON text. */
public record ExecutionRow(
    UUID id,
    String status,
    String currentStep,
    List<StepRecord> steps,
    JsonNode output,
    String errorMessage,
    Long executionTimeMs,
    int attempt,
    String leaseOwner,
    Instant leaseExpiresAt,
    Instant deadlineAt,
    Instant finishedAt,
    String raw) {

  public static ExecutionRow read(JdbcClient jdbc, UUID id) {
    return jdbc.sql(
            """
            SELECT e.*, e.steps_executed::text AS steps_text, e.output_data::text AS output_text,
                   row_to_json(e)::text AS raw
            FROM connector_executions e WHERE id = ?
            """)
        .param(id)
        .query(
            (rs, row) ->
                new ExecutionRow(
                    id,
                    rs.getString("status"),
                    rs.getString("current_step"),
                    ExecutionJson.readSteps(rs.getString("steps_text")),
                    ExecutionJson.read(rs.getString("output_text")),
                    rs.getString("error_message"),
                    (Long) rs.getObject("execution_time_ms"),
                    rs.getInt("attempt"),
                    rs.getString("lease_owner"),
                    instant(rs.getTimestamp("lease_expires_at")),
                    instant(rs.getTimestamp("deadline_at")),
                    instant(rs.getTimestamp("finished_at")),
                    rs.getString("raw")))
        .single();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
