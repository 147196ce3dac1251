package dev.connectorengine.worker.testdata;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A connector's statistics summed over its slots, as the API reads them. */
public record ConnectorStats(long total, long successful, long failed) {

  public static ConnectorStats read(JdbcClient jdbc, UUID connectorId) {
    return jdbc.sql(
            """
            SELECT coalesce(sum(total_executions), 0) AS total,
                   coalesce(sum(successful_executions), 0) AS successful,
                   coalesce(sum(failed_executions), 0) AS failed
            FROM connector_execution_stats WHERE connector_id = ?
            """)
        .param(connectorId)
        .query(
            (rs, row) ->
                new ConnectorStats(
                    rs.getLong("total"), rs.getLong("successful"), rs.getLong("failed")))
        .single();
  }
}
