-- Connector Engine schema, version 3: row-level security, the second wall behind the workspace
-- filter every query already carries.
--
-- The apps act as two roles that are neither superusers nor BYPASSRLS (both skip RLS even when it
-- is forced): connector_engine_api sees one workspace, the one its transaction set in
-- connector_engine.workspace_id; connector_engine_worker works across workspaces, but only on the
-- tables and commands running and sweeping executions need. Grants say which commands a role
-- may run, policies which rows. A table added later needs its own grants, and RLS if it has a
-- workspace_id (a test fails the build otherwise).

-- Roles are cluster-wide and many databases may be migrated at once on one server: create them
-- only when missing, and let a concurrent creator win.
DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['connector_engine_api', 'connector_engine_worker'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
        -- A non-superuser migrating user (the apps' login user) must be able to SET ROLE to it.
        IF NOT pg_has_role(current_user, role_name, 'MEMBER') THEN
            EXECUTE format('GRANT %I TO %I', role_name, current_user);
        END IF;
    END LOOP;
END
$$;

-- The workspace of the current transaction; null when none is set, so a policy matches no row.
-- set_config(..., true) leaves an empty string behind after the transaction: that is "none" too,
-- never a cast error.
CREATE FUNCTION connector_engine_workspace_id() RETURNS uuid
    LANGUAGE sql STABLE
AS $$
    SELECT nullif(current_setting('connector_engine.workspace_id', true), '')::uuid
$$;

-- Least privilege: the API never deletes rows but credentials, never rewrites an audit row
-- (V2's trigger refuses it anyway) and only reads statistics.
GRANT SELECT, INSERT ON workspaces TO connector_engine_api;
GRANT SELECT, INSERT ON api_keys TO connector_engine_api;
GRANT UPDATE (last_used_at, revoked_at) ON api_keys TO connector_engine_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON workspace_api_credentials TO connector_engine_api;
GRANT SELECT, INSERT, UPDATE ON connectors TO connector_engine_api;
GRANT SELECT, INSERT ON connector_versions TO connector_engine_api;
GRANT SELECT ON connector_execution_stats TO connector_engine_api;
GRANT SELECT, INSERT, UPDATE ON connector_executions TO connector_engine_api;
GRANT SELECT, INSERT ON audit_log TO connector_engine_api;

-- The worker claims, heartbeats, finishes and sweeps executions, counts statistics, reads the
-- connector version a run executes and the credentials it uses (and updates them: oauth2 tokens).
-- No workspaces, api_keys, audit_log, and no writes to connectors.
GRANT SELECT, UPDATE ON connector_executions TO connector_engine_worker;
GRANT SELECT, INSERT, UPDATE ON connector_execution_stats TO connector_engine_worker;
GRANT SELECT ON connector_versions TO connector_engine_worker;
GRANT SELECT, UPDATE ON workspace_api_credentials TO connector_engine_worker;

-- Forced, so that even the tables' owner is held to the policies unless it is a superuser.
ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspaces FORCE ROW LEVEL SECURITY;
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
ALTER TABLE workspace_api_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspace_api_credentials FORCE ROW LEVEL SECURITY;
ALTER TABLE connectors ENABLE ROW LEVEL SECURITY;
ALTER TABLE connectors FORCE ROW LEVEL SECURITY;
ALTER TABLE connector_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE connector_versions FORCE ROW LEVEL SECURITY;
ALTER TABLE connector_execution_stats ENABLE ROW LEVEL SECURITY;
ALTER TABLE connector_execution_stats FORCE ROW LEVEL SECURITY;
ALTER TABLE connector_executions ENABLE ROW LEVEL SECURITY;
ALTER TABLE connector_executions FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;

-- The API: the transaction's workspace only, for reads and for what it writes (WITH CHECK).
CREATE POLICY api_workspace ON workspaces TO connector_engine_api
    USING (id = connector_engine_workspace_id())
    WITH CHECK (id = connector_engine_workspace_id());
CREATE POLICY api_workspace ON api_keys TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY api_workspace ON workspace_api_credentials TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY api_workspace ON connectors TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY api_workspace ON connector_versions TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY api_workspace ON connector_execution_stats TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY api_workspace ON connector_executions TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY api_workspace ON audit_log TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());

-- The worker: every workspace, on its tables; its grants limit the commands.
CREATE POLICY worker_all_workspaces ON connector_executions TO connector_engine_worker
    USING (true) WITH CHECK (true);
CREATE POLICY worker_all_workspaces ON connector_execution_stats TO connector_engine_worker
    USING (true) WITH CHECK (true);
CREATE POLICY worker_all_workspaces ON connector_versions FOR SELECT TO connector_engine_worker
    USING (true);
CREATE POLICY worker_all_workspaces ON workspace_api_credentials TO connector_engine_worker
    USING (true) WITH CHECK (true);

-- Authentication happens before the workspace is known. Instead of opening api_keys to the API
-- role, this function (run as its owner, the migrating user) answers what authentication needs
-- for one hash: at most one active key. Its search_path is pinned, pg_temp last, so a caller's
-- temporary table cannot stand in for api_keys.
CREATE FUNCTION connector_engine_active_api_key(hash bytea)
    RETURNS TABLE (id uuid, workspace_id uuid, key_hash bytea, scopes text[],
                   last_used_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
    SELECT k.id, k.workspace_id, k.key_hash, k.scopes, k.last_used_at
      FROM api_keys k
     WHERE k.key_hash = hash AND k.revoked_at IS NULL
$$;
REVOKE ALL ON FUNCTION connector_engine_active_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION connector_engine_active_api_key(bytea) TO connector_engine_api;

-- A superuser owner skips RLS; a non-superuser owner is held to it (forced), and this is the one
-- cross-workspace read the function above needs.
CREATE POLICY owner_authentication ON api_keys FOR SELECT TO CURRENT_USER USING (true);
