package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.worker.batch.JdbcArrays;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The per-worker statements on leases: renewal, the cancellation poll and giving runs back. */
@Repository
class LeaseRepository {

  // One statement renews every in-flight run; the rows it does not return were lost. Rows are
  // locked in id order, as by the worker's batched writes, so the two never deadlock.
  private static final String RENEW =
      """
      WITH mine AS (
        SELECT id FROM connector_executions
        WHERE lease_owner = :owner AND status = :running AND id = ANY(CAST(:ids AS uuid[]))
        ORDER BY id
        FOR UPDATE)
      UPDATE connector_executions e
      SET lease_expires_at = now() + :leaseMs * interval '1 millisecond'
      FROM mine
      WHERE e.id = mine.id AND e.lease_owner = :owner AND e.status = :running
      RETURNING e.id
      """;

  private static final String CANCEL_REQUESTED =
      """
      SELECT id FROM connector_executions
      WHERE lease_owner = :owner AND status = :running AND cancel_requested_at IS NOT NULL
      """;

  private static final String GIVE_BACK =
      """
      UPDATE connector_executions e
      SET status = :pending,
          lease_owner = NULL,
          lease_expires_at = NULL,
          current_step = NULL,
          steps_executed = %s,
          updated_at = now()
      FROM (
        SELECT e.id, e.attempt
        FROM connector_executions e
        JOIN unnest(CAST(:ids AS uuid[]), CAST(:attempts AS integer[])) AS g(id, attempt)
          ON e.id = g.id AND e.attempt = g.attempt
        WHERE e.status = :running
        ORDER BY e.id
        FOR UPDATE OF e) AS g
      WHERE e.id = g.id AND e.attempt = g.attempt AND e.status = :running
      RETURNING e.id, e.workspace_id, e.connector_id, e.attempt
      """
          .formatted(StepRecordsSql.RESET);

  private final JdbcClient jdbc;

  LeaseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Set<UUID> renew(String owner, Set<UUID> ids, Duration lease) {
    return new HashSet<>(
        jdbc.sql(RENEW)
            .param("leaseMs", lease.toMillis())
            .param("owner", owner)
            .param("running", ExecutionStatus.RUNNING.wireName())
            .param("ids", JdbcArrays.of("uuid", ids.toArray()))
            .query(UUID.class)
            .list());
  }

  Set<UUID> cancelRequested(String owner) {
    return new HashSet<>(
        jdbc.sql(CANCEL_REQUESTED)
            .param("owner", owner)
            .param("running", ExecutionStatus.RUNNING.wireName())
            .query(UUID.class)
            .list());
  }

  /** running → pending for each (id, attempt) still held; the rows changed. */
  List<GivenBack> giveBack(Map<UUID, Integer> attempts) {
    List<UUID> ids = new ArrayList<>(attempts.keySet());
    List<Integer> fences = ids.stream().map(attempts::get).toList();
    return jdbc.sql(GIVE_BACK)
        .param("pending", ExecutionStatus.RUNNING.transitionTo(ExecutionStatus.PENDING).wireName())
        .param("running", ExecutionStatus.RUNNING.wireName())
        .param("ids", JdbcArrays.of("uuid", ids.toArray()))
        .param("attempts", JdbcArrays.of("int4", fences.toArray()))
        .query(
            (rs, row) ->
                new GivenBack(
                    new RequeuedExecution(
                        rs.getObject("id", UUID.class),
                        rs.getObject("workspace_id", UUID.class),
                        rs.getInt("attempt")),
                    rs.getObject("connector_id", UUID.class)))
        .list();
  }

  record GivenBack(RequeuedExecution execution, UUID connectorId) {}
}
