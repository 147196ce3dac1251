package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.ExecutionTransition;
import dev.connectorengine.worker.batch.JdbcArrays;
import dev.connectorengine.worker.database.ControlDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-worker statements on leases, on the control pool: renewal, the cancellation poll and
 * giving runs back.
 */
@Repository
class LeaseRepository {

  // One statement renews every in-flight run; the rows it does not return were lost. Rows are
  // locked in id order, as by the worker's batched writes, so the two never deadlock.
  private static final String RENEW =
      """
      WITH mine AS (
        SELECT id FROM connector_executions
        WHERE id = ANY(CAST(:ids AS uuid[])) AND lease_owner = :owner AND status = :running
        ORDER BY id
        FOR UPDATE)
      UPDATE connector_executions e
      SET lease_expires_at = now() + :leaseMs * interval '1 millisecond'
      FROM mine
      WHERE e.id = mine.id AND e.lease_owner = :owner AND e.status = :running
      RETURNING e.id
      """;

  // Uses the partial index on (lease_owner) of running rows asked to cancel: the status is a
  // constant for it.
  private static final String CANCEL_REQUESTED =
      """
      SELECT id FROM connector_executions
      WHERE lease_owner = :owner AND status = %s AND cancel_requested_at IS NOT NULL
      """
          .formatted(ExecutionSql.literal(ExecutionStatus.RUNNING));

  // A give-back does not use up the run's crash budget: it is counted apart.
  private static final String GIVE_BACK =
      ExecutionSql.fencedUpdate(
          """
          SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:attempts AS int[]))
                   AS v(id, attempt)""",
          ExecutionSql.REQUEUE_SET + ",\ngive_backs = e.give_backs + 1",
          "e.id, e.workspace_id, e.connector_id, e.attempt");

  private final JdbcClient jdbc;

  LeaseRepository(ControlDatabase database) {
    this.jdbc = database.jdbc();
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
    return new HashSet<>(jdbc.sql(CANCEL_REQUESTED).param("owner", owner).query(UUID.class).list());
  }

  /** running → pending for each (id, attempt) still held; the rows changed. */
  List<RequeuedExecution> giveBack(Map<UUID, Integer> attempts) {
    List<UUID> ids = new ArrayList<>(attempts.keySet());
    List<Integer> fences = ids.stream().map(attempts::get).toList();
    return jdbc.sql(GIVE_BACK)
        .params(ExecutionTransition.REQUEUE.sqlParams())
        .param("ids", JdbcArrays.of("uuid", ids.toArray()))
        .param("attempts", JdbcArrays.of("int4", fences.toArray()))
        .query(
            (rs, row) ->
                new RequeuedExecution(
                    rs.getObject("id", UUID.class),
                    rs.getObject("workspace_id", UUID.class),
                    rs.getObject("connector_id", UUID.class),
                    rs.getInt("attempt")))
        .list();
  }
}
