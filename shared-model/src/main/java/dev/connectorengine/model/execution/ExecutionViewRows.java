package dev.connectorengine.model.execution;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Reads an {@link ExecutionView} from a row of {@code connector_executions}. */
public final class ExecutionViewRows {

  /** The columns {@link #read} needs, for a {@code SELECT} from {@code connector_executions}. */
  public static final String COLUMNS =
      """
      id, connector_id, connector_version, status, current_step, steps_executed, input_data,
      output_data, error_message, execution_time_ms, attempt, flow_run_id, created_at,
      started_at, finished_at, cancel_requested_at, retry_of\
      """;

  private ExecutionViewRows() {}

  /** The view of the current row, selected with {@link #COLUMNS}. */
  public static ExecutionView read(ResultSet rs) throws SQLException {
    return new ExecutionView(
        rs.getObject("id", UUID.class),
        rs.getObject("connector_id", UUID.class),
        rs.getInt("connector_version"),
        ExecutionStatus.fromWireName(rs.getString("status")),
        rs.getString("current_step"),
        ExecutionJson.readSteps(rs.getString("steps_executed")),
        ExecutionJson.read(rs.getString("input_data")),
        ExecutionJson.read(rs.getString("output_data")),
        rs.getString("error_message"),
        rs.getObject("execution_time_ms", Long.class),
        rs.getInt("attempt"),
        rs.getString("flow_run_id"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        instant(rs, "cancel_requested_at"),
        rs.getObject("retry_of", UUID.class));
  }
}
