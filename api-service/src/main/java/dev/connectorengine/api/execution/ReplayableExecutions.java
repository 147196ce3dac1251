package dev.connectorengine.api.execution;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** Reads a finished execution as a replay of it needs it. */
@Repository
class ReplayableExecutions {

  private static final String FIND_REPLAYABLE =
      """
      SELECT connector_id, connector_version, status, steps_executed, input_data, flow_run_id,
             callback_url
        FROM connector_executions
       WHERE workspace_id = :workspaceId AND id = :id
      """;

  private final JdbcClient jdbc;

  ReplayableExecutions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What a replay of this execution needs of it. */
  Optional<Replayable> findReplayable(UUID workspaceId, UUID id) {
    return jdbc.sql(FIND_REPLAYABLE)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .query(
            (rs, row) ->
                new Replayable(
                    id,
                    rs.getObject("connector_id", UUID.class),
                    rs.getInt("connector_version"),
                    ExecutionStatus.fromWireName(rs.getString("status")),
                    ExecutionJson.readSteps(rs.getString("steps_executed")),
                    ExecutionJson.read(rs.getString("input_data")),
                    rs.getString("flow_run_id"),
                    rs.getString("callback_url")))
        .optional();
  }

  /** An execution as a replay of it reads it. */
  record Replayable(
      UUID id,
      UUID connectorId,
      int connectorVersion,
      ExecutionStatus status,
      List<StepRecord> steps,
      JsonNode input,
      String flowRunId,
      String callbackUrl) {}
}
