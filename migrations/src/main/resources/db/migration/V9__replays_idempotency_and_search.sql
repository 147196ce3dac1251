-- Connector Engine schema, version 9: replays, strict idempotency keys, execution search.
--
-- retry_of: the execution a replay (POST /api/v1/executions/{id}/retry) runs again. No foreign
-- key: its check would be a trigger call on every insert of the hot path, for a column that is
-- NULL on nearly every row; an execution deleted later leaves its replays pointing at an id that
-- answers 404, which is all the column promises.
--
-- request_hash: SHA-256 of the canonical request (connector id, input, flowRunId, callbackUrl) of
-- a trigger that came with an Idempotency-Key, so the same key with another body answers 409.
-- NULL without a key, and on rows written before this version (whose key matches any body).
ALTER TABLE connector_executions
    ADD COLUMN retry_of uuid,
    ADD COLUMN request_hash bytea;

-- An idempotency key expires (IDEMPOTENCY_KEY_TTL after its execution was created) and may then
-- be used again: the trigger clears the expired holder's key and inserts the new row in one
-- transaction, so the unique index connector_executions_idempotency_idx is unchanged and two
-- racing reuses of one key still make one execution (the second waits on the holder's row lock,
-- then on the first's index entry, and answers the first's execution).

-- Search. createdAfter / createdBefore are ranges over created_at, which the page indexes of V1
-- already lead with (after workspace_id, connector_id or status). The new filters get partial
-- indexes, so a run without a flow run id, or that is no replay, costs no index entry.
CREATE INDEX connector_executions_flow_run_page_idx
    ON connector_executions (workspace_id, flow_run_id, created_at DESC, id DESC)
    WHERE flow_run_id IS NOT NULL;
CREATE INDEX connector_executions_retry_of_page_idx
    ON connector_executions (retry_of, created_at DESC, id DESC)
    WHERE retry_of IS NOT NULL;
