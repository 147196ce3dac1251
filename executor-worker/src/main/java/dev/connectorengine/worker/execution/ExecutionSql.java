package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;

/**
 * The pieces every status write of the worker shares, written once: the fence of a claimed run, the
 * columns a run's end and a requeue set, and the step-record rewrites the sweeper and give-backs
 * make without reading rows into Java. Statements alias {@code connector_executions} as {@code e}
 * and bind {@code :from} and {@code :to} from an {@code ExecutionTransition}.
 */
final class ExecutionSql {

  /**
   * The fence of every write after a claim, against a row source aliased {@code %1$s} with {@code
   * id} and {@code attempt}: the run is still running on the attempt its writer claimed. A worker
   * that lost its lease changes nothing.
   */
  private static final String FENCE =
      "e.id = %1$s.id AND e.attempt = %1$s.attempt AND e.status = :from";

  /**
   * A fenced write of many runs in one statement. {@code %1$s} selects the values as {@code v}
   * (with {@code id} and {@code attempt}), {@code %2$s} is the SET list (reading {@code held}),
   * {@code %3$s} the RETURNING list. Rows are locked in id order first, as every multi-row write of
   * the worker does, so two of them (a heartbeat and a batch) never wait on each other in a cycle.
   */
  static final String FENCED_UPDATE =
      """
      WITH v AS (%1$s),
      held AS (
        SELECT v.* FROM connector_executions e JOIN v ON %4$s
        ORDER BY e.id
        FOR UPDATE OF e)
      UPDATE connector_executions e
      SET %2$s
      FROM held
      WHERE %5$s
      RETURNING %3$s
      """;

  /** What ending a run sets besides its status, steps, output and error. */
  static final String END_SET =
      """
      execution_time_ms = GREATEST(0, (extract(epoch FROM now() - e.started_at) * 1000)::bigint),
      finished_at = now(),
      lease_owner = NULL,
      lease_expires_at = NULL,
      updated_at = now()""";

  /**
   * A run's steps as the next claim resumes them: finished steps (succeeded, or failed with
   * continueOnError, since a later step started) kept with their outputs; the step that was in
   * flight, and any after it, back to a fresh pending record, to be called again.
   */
  static final String RESUMABLE_STEPS =
      """
      (SELECT coalesce(jsonb_agg(CASE WHEN s ->> 'status' IN ('success', 'failed') THEN s
                ELSE jsonb_build_object(
                  'id', s -> 'id', 'name', s -> 'name', 'status', 'pending', 'attempts', 0,
                  'httpStatus', NULL, 'latencyMs', NULL, 'output', NULL, 'error', NULL,
                  'startedAt', NULL, 'finishedAt', NULL) END ORDER BY n), '[]'::jsonb)
       FROM jsonb_array_elements(e.steps_executed) WITH ORDINALITY AS t(s, n))""";

  /**
   * What putting a run back to pending sets: no owner, and its steps ready to resume; {@code
   * current_step} still says where it stopped.
   */
  static final String REQUEUE_SET =
      """
      status = :to,
      lease_owner = NULL,
      lease_expires_at = NULL,
      updated_at = now(),
      steps_executed = """
          + RESUMABLE_STEPS;

  /**
   * The running step failed with {@code :stepError}, the pending ones skipped with {@code
   * :skipReason}; finished steps kept as they are: for runs the sweeper ends.
   */
  static final String ENDED_STEPS =
      """
      (SELECT coalesce(jsonb_agg(CASE s ->> 'status'
                WHEN 'running' THEN s || jsonb_build_object('status', 'failed',
                    'error', CAST(:stepError AS text),
                    'finishedAt', to_char(now() AT TIME ZONE 'UTC',
                                          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                WHEN 'pending' THEN s || jsonb_build_object('status', 'skipped',
                    'error', CAST(:skipReason AS text))
                ELSE s END ORDER BY n), '[]'::jsonb)
       FROM jsonb_array_elements(e.steps_executed) WITH ORDINALITY AS t(s, n))""";

  private ExecutionSql() {}

  /**
   * A status as an SQL literal, for statements that must use a partial index ({@code WHERE status =
   * 'running'}): the planner matches an index predicate only against a constant, and a cached
   * generic plan with a bound status would scan the whole table instead.
   */
  static String literal(ExecutionStatus status) {
    return "'" + status.wireName() + "'";
  }

  /**
   * A {@link #FENCED_UPDATE} over the values {@code values}, fenced on {@code v} and {@code held}.
   */
  static String fencedUpdate(String values, String set, String returning) {
    return FENCED_UPDATE.formatted(
        values, set, returning, FENCE.formatted("v"), FENCE.formatted("held"));
  }
}
