-- Connector Engine schema, version 19: run limits per API key, and the purge of deleted
-- workspaces.

-- A key may hold its own runs per UTC day and month (null: none), within the workspace's. Same
-- ranges as the workspace's settings (V16, checked by the API): 0 to 10^12, per day <= per month.
ALTER TABLE api_keys
    ADD COLUMN runs_per_day   bigint CHECK (runs_per_day BETWEEN 0 AND 1000000000000),
    ADD COLUMN runs_per_month bigint CHECK (runs_per_month BETWEEN 0 AND 1000000000000),
    ADD CONSTRAINT api_keys_runs_check
        CHECK (runs_per_day IS NULL OR runs_per_month IS NULL OR runs_per_day <= runs_per_month);

-- The admin sets them later (PATCH /api/v1/admin/workspaces/{id}/api-keys/{keyId}).
GRANT UPDATE (runs_per_day, runs_per_month) ON api_keys TO connector_engine_api;

-- V15's look-up, now also answering the key's run limits, read on every request like the rest of
-- the key, so a changed limit holds from the next request. Dropped and made again as in V15.
DROP FUNCTION connector_engine_active_api_key(bytea);

CREATE FUNCTION connector_engine_active_api_key(hash bytea)
    RETURNS TABLE (id uuid, workspace_id uuid, key_hash bytea, scopes text[],
                   last_used_at timestamptz, expires_at timestamptz, connector_ids uuid[],
                   runs_per_day bigint, runs_per_month bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
    SELECT k.id, k.workspace_id, k.key_hash, k.scopes, k.last_used_at, k.expires_at,
           k.connector_ids, k.runs_per_day, k.runs_per_month
      FROM api_keys k
     WHERE k.key_hash = hash AND k.revoked_at IS NULL
$$;
REVOKE ALL ON FUNCTION connector_engine_active_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION connector_engine_active_api_key(bytea) TO connector_engine_api;

-- A key with limits has its runs counted per UTC day and month here, in the transaction that
-- writes them and after its workspace's count (V18): the same upsert, the same row lock, so a
-- key's limit is exact too. Runs are counted from when a key has limits (executions do not say
-- which key triggered them); a key without limits is not counted here.
CREATE TABLE api_key_usage (
    api_key_id    uuid    NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    workspace_id  uuid    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    period        text    NOT NULL CHECK (period IN ('day', 'month')),
    period_start  date    NOT NULL,
    runs          bigint  NOT NULL CHECK (runs >= 0),
    PRIMARY KEY (api_key_id, period, period_start)
);
CREATE INDEX api_key_usage_workspace_idx ON api_key_usage (workspace_id);

GRANT SELECT, INSERT, UPDATE ON api_key_usage TO connector_engine_api;

ALTER TABLE api_key_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key_usage FORCE ROW LEVEL SECURITY;

CREATE POLICY api_workspace ON api_key_usage TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());

-- The purge. A deleted workspace (V16: marked, keys revoked) has its rows deleted by the workers'
-- retention job, table by table, children before parents, in batches by ctid as V17's, each batch
-- its own short transaction. What stays is a tombstone: the workspace row itself (id, name,
-- times; purged_at set) and the one audit row that says what the purge deleted, which refers to
-- it (audit_log.workspace_id). Retention later deletes that audit row like any other.
ALTER TABLE workspaces ADD COLUMN purged_at timestamptz;

CREATE INDEX workspaces_deleted_idx ON workspaces (deleted_at)
    WHERE deleted_at IS NOT NULL AND purged_at IS NULL;

GRANT SELECT (deleted_at, purged_at), UPDATE (purged_at) ON workspaces TO connector_engine_worker;
CREATE POLICY worker_purge ON workspaces FOR UPDATE TO connector_engine_worker
    USING (deleted_at IS NOT NULL) WITH CHECK (deleted_at IS NOT NULL);

-- Every table that holds a workspace's rows: the worker may read their ctid and workspace and
-- delete them, of deleted workspaces only. (A DELETE that reads columns is held to the SELECT
-- policies as well.) The worker's tests compare this list, and the purge's, with every table that
-- has a workspace_id column: a new table must be added to both.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['webhook_deliveries', 'execution_event_outbox', 'request_logs',
                             'connector_executions', 'action_answer_cache', 'integration_actions',
                             'integrations', 'webhook_endpoints', 'connector_execution_stats',
                             'connector_versions', 'connectors', 'webhook_secrets',
                             'workspace_api_credentials', 'template_ratings', 'workspace_usage',
                             'api_key_usage', 'api_keys', 'audit_log']
    LOOP
        EXECUTE format('GRANT SELECT (ctid, workspace_id), DELETE ON %I TO connector_engine_worker',
                       t);
        EXECUTE format('CREATE POLICY worker_purge_read ON %I FOR SELECT TO connector_engine_worker'
                       ' USING (workspace_id IN (SELECT w.id FROM workspaces w'
                       '                          WHERE w.deleted_at IS NOT NULL))', t);
        EXECUTE format('CREATE POLICY worker_purge ON %I FOR DELETE TO connector_engine_worker'
                       ' USING (workspace_id IN (SELECT w.id FROM workspaces w'
                       '                          WHERE w.deleted_at IS NOT NULL))', t);
    END LOOP;
END
$$;

-- The templates a deleted workspace published (the ratings of them go by cascade).
GRANT SELECT (ctid, published_by_workspace), DELETE ON connector_templates
    TO connector_engine_worker;
CREATE POLICY worker_purge_read ON connector_templates FOR SELECT TO connector_engine_worker
    USING (published_by_workspace IN (SELECT w.id FROM workspaces w WHERE w.deleted_at IS NOT NULL));
CREATE POLICY worker_purge ON connector_templates FOR DELETE TO connector_engine_worker
    USING (published_by_workspace IN (SELECT w.id FROM workspaces w WHERE w.deleted_at IS NOT NULL));

-- The purge's one audit row (system actor: no key), in the purged workspace's log. audit_log
-- stays append-only (V2's trigger); the worker may add only this kind of row.
GRANT INSERT ON audit_log TO connector_engine_worker;
CREATE POLICY worker_purge_audit ON audit_log FOR INSERT TO connector_engine_worker
    WITH CHECK (action = 'workspace.purged' AND actor_key_id IS NULL
                AND workspace_id IN (SELECT w.id FROM workspaces w WHERE w.deleted_at IS NOT NULL));
