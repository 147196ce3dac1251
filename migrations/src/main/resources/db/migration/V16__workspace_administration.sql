-- Connector Engine schema, version 16: workspace administration.
--
-- A workspace gains settings (JSON: per-workspace limits and overrides, validated by the API), an
-- update time and a deletion mark. Deleting a workspace marks it and revokes its keys in one
-- transaction: from then on no key of it authenticates and the admin calls answer 404; its rows
-- stay until they are purged in bounded batches.
ALTER TABLE workspaces
    ADD COLUMN settings    jsonb       NOT NULL DEFAULT '{}',
    ADD COLUMN updated_at  timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN deleted_at  timestamptz;

-- The admin's list: newest first, keyset pages, deleted ones left out.
CREATE INDEX workspaces_page_idx ON workspaces (created_at DESC, id DESC) WHERE deleted_at IS NULL;

GRANT UPDATE (name, settings, updated_at, deleted_at) ON workspaces TO connector_engine_api;

-- The admin's list crosses workspaces, which the API role never sees together. This function (run
-- as its owner, the migrating user, search_path pinned as for the key look-up) answers one page of
-- live workspaces with their usage: connectors, and runs created today and this month (UTC).
CREATE FUNCTION connector_engine_admin_workspaces(after_at timestamptz, after_id uuid,
                                                  max_rows integer)
    RETURNS TABLE (id uuid, name text, settings jsonb, created_at timestamptz,
                   updated_at timestamptz, connectors bigint, runs_today bigint,
                   runs_this_month bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
    SELECT w.id, w.name, w.settings, w.created_at, w.updated_at,
           (SELECT count(*) FROM connectors c
             WHERE c.workspace_id = w.id AND c.deleted_at IS NULL AND c.action_id IS NULL),
           (SELECT count(*) FROM connector_executions e
             WHERE e.workspace_id = w.id
               AND e.created_at >= date_trunc('day', now(), 'UTC')),
           (SELECT count(*) FROM connector_executions e
             WHERE e.workspace_id = w.id
               AND e.created_at >= date_trunc('month', now(), 'UTC'))
      FROM workspaces w
     WHERE w.deleted_at IS NULL
       AND (after_at IS NULL OR (w.created_at, w.id) < (after_at, after_id))
     ORDER BY w.created_at DESC, w.id DESC
     LIMIT max_rows
$$;
REVOKE ALL ON FUNCTION connector_engine_admin_workspaces(timestamptz, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION connector_engine_admin_workspaces(timestamptz, uuid, integer)
    TO connector_engine_api;

-- A non-superuser owner is held to row-level security (forced): these are the cross-workspace
-- reads the function above needs (connectors already has one, V11).
CREATE POLICY owner_administration ON workspaces FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY owner_administration ON connector_executions FOR SELECT TO CURRENT_USER
    USING (true);
