-- Connector Engine schema, version 2: API key scopes enforced by the schema, and the audit log.

-- A key has a name and at least one scope, all of them known ones.
ALTER TABLE api_keys
    ADD CONSTRAINT api_keys_name_check CHECK (length(name) BETWEEN 1 AND 200),
    ADD CONSTRAINT api_keys_scopes_check
        CHECK (cardinality(scopes) > 0
               AND scopes <@ ARRAY['read', 'execute', 'configure']::text[]);

-- Keyset paging of a workspace's keys, newest first, ties broken by id.
DROP INDEX api_keys_workspace_idx;
CREATE INDEX api_keys_page_idx ON api_keys (workspace_id, created_at DESC, id DESC);

-- Who changed what, written in the same transaction as the change. Never holds a secret:
-- details carry names, types and versions, not values or specs.
-- actor_key_id has no foreign key, so a row outlives whatever happens to the key;
-- it is null when the admin token acted (a workspace's first key).
CREATE TABLE audit_log (
    id             uuid PRIMARY KEY,
    workspace_id   uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    actor_key_id   uuid,
    action         text        NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    resource_type  text        NOT NULL CHECK (length(resource_type) BETWEEN 1 AND 100),
    resource_id    text        NOT NULL CHECK (length(resource_id) BETWEEN 1 AND 200),
    details        jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
    created_at     timestamptz NOT NULL DEFAULT now()
);
-- Keyset paging, newest first.
CREATE INDEX audit_log_page_idx ON audit_log (workspace_id, created_at DESC, id DESC);

-- The log is append-only: a row, once written, is never changed (deleting a workspace still
-- removes its rows).
CREATE FUNCTION audit_log_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log rows are append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_update();
