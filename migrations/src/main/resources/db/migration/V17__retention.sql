-- Connector Engine schema, version 17: retention.
--
-- The workers delete executions, request logs and audit rows older than their retention (the
-- workspace's setting, V16, else the worker's default), in small batches, each batch its own short
-- transaction: DELETE ... WHERE ctid = ANY(ARRAY(SELECT ctid ... LIMIT n)). Then they purge the
-- soft-deleted connectors whose runs are all gone, with their versions and statistics.
--
-- Least privilege: the worker reads only what picking the rows needs (the workspace's id and
-- settings; of request logs and audit rows their ctid, workspace and age, never their contents)
-- and may delete, nothing more. audit_log stays append-only: V2's trigger still refuses UPDATE,
-- and the worker has no INSERT or UPDATE on it.
--
-- What goes with a deleted row goes by the foreign keys' ON DELETE CASCADE, which PostgreSQL runs
-- as the referencing table's owner, past row-level security: an execution's webhook_deliveries;
-- a connector's versions, statistics and connector-bound webhook endpoints. Status events
-- (execution_event_outbox) have no foreign key: the relay deletes them once sent.

-- The cut-offs: every workspace's settings.
GRANT SELECT (id, settings) ON workspaces TO connector_engine_worker;
CREATE POLICY worker_retention ON workspaces FOR SELECT TO connector_engine_worker USING (true);

-- Executions: the worker already reads and updates them in every workspace (V3).
GRANT DELETE ON connector_executions TO connector_engine_worker;

-- Request logs and audit rows: picked by (workspace_id, created_at), deleted by ctid. A DELETE
-- that reads columns is held to the SELECT policies as well as the DELETE ones.
GRANT SELECT (ctid, workspace_id, created_at), DELETE ON request_logs TO connector_engine_worker;
CREATE POLICY worker_retention_read ON request_logs FOR SELECT TO connector_engine_worker
    USING (true);
CREATE POLICY worker_retention ON request_logs FOR DELETE TO connector_engine_worker USING (true);

GRANT SELECT (ctid, workspace_id, created_at), DELETE ON audit_log TO connector_engine_worker;
CREATE POLICY worker_retention_read ON audit_log FOR SELECT TO connector_engine_worker
    USING (true);
CREATE POLICY worker_retention ON audit_log FOR DELETE TO connector_engine_worker USING (true);

-- Soft-deleted connectors: picked by their deletion time, purged once no execution is left.
GRANT SELECT (ctid, id, workspace_id, deleted_at), DELETE ON connectors TO connector_engine_worker;
CREATE POLICY worker_retention_read ON connectors FOR SELECT TO connector_engine_worker
    USING (deleted_at IS NOT NULL);
CREATE POLICY worker_retention ON connectors FOR DELETE TO connector_engine_worker
    USING (deleted_at IS NOT NULL);

-- Executions, request logs and audit rows are found by age through their (workspace_id,
-- created_at DESC, id DESC) page indexes (V1, V2, V12); soft-deleted connectors, few among many
-- live ones, through this one.
CREATE INDEX connectors_deleted_idx ON connectors (workspace_id, deleted_at)
    WHERE deleted_at IS NOT NULL;
