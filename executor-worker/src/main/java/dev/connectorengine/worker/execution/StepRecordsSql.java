package dev.connectorengine.worker.execution;

/**
 * SQL expressions that rewrite a row's {@code steps_executed} (aliased {@code e}) without reading
 * it into Java: for runs the sweeper or a give-back changes while no worker runs them.
 */
final class StepRecordsSql {

  /** Every step back to a fresh pending record, as triggering wrote it. */
  static final String RESET =
      """
      (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'id', s -> 'id', 'name', s -> 'name', 'status', 'pending', 'attempts', 0,
                'httpStatus', NULL, 'latencyMs', NULL, 'output', NULL, 'error', NULL,
                'startedAt', NULL, 'finishedAt', NULL) ORDER BY n), '[]'::jsonb)
       FROM jsonb_array_elements(e.steps_executed) WITH ORDINALITY AS t(s, n))
      """;

  /**
   * The running step failed with {@code :stepError}, the pending ones skipped with {@code
   * :skipReason}; finished steps kept as they are.
   */
  static final String END =
      """
      (SELECT coalesce(jsonb_agg(CASE s ->> 'status'
                WHEN 'running' THEN s || jsonb_build_object('status', 'failed',
                    'error', CAST(:stepError AS text),
                    'finishedAt', to_char(now() AT TIME ZONE 'UTC',
                                          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                WHEN 'pending' THEN s || jsonb_build_object('status', 'skipped',
                    'error', CAST(:skipReason AS text))
                ELSE s END ORDER BY n), '[]'::jsonb)
       FROM jsonb_array_elements(e.steps_executed) WITH ORDINALITY AS t(s, n))
      """;

  private StepRecordsSql() {}
}
