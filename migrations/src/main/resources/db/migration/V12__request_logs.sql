-- Connector Engine schema, version 12: request logs, one row per HTTP call made for a workspace.
--
-- The worker writes one row per attempt of a step (retries included; redirects are followed within
-- an attempt and logged with it), with the run's terminal write: one multi-row INSERT per batch of
-- finished runs, no commit of its own. The API writes one row per credential test. A row never
-- holds a credential value: the URL is scheme, host and path (no query string), and the body
-- excerpts are redacted as execution records are.
--
-- Rows are only ever inserted and read, then deleted by age (retention): no foreign key on the
-- execution or connector, so that neither the hot insert nor a later delete probes other tables.
CREATE TABLE request_logs (
    id                     uuid PRIMARY KEY,
    workspace_id           uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- 'step' (a run's step attempt) or 'credential_test'
    source                 text        NOT NULL CHECK (source IN ('step', 'credential_test')),
    execution_id           uuid,
    connector_id           uuid,
    step_id                text,
    -- a credential test's service name
    service                text,
    -- integrations and actions do not exist yet: null until they do
    integration            text,
    action                 text,
    attempt                integer     NOT NULL,
    retry_count            integer     NOT NULL,
    method                 text        NOT NULL,
    url                    text        NOT NULL,
    http_status            integer,
    latency_ms             bigint      NOT NULL,
    error                  text,
    request_content_type   text,
    request_size           bigint,
    request_body           text,
    response_content_type  text,
    response_size          bigint,
    response_body          text,
    created_at             timestamptz NOT NULL
);
-- The list (newest first, keyset pages) and retention (by age) read this one.
CREATE INDEX request_logs_workspace_idx ON request_logs (workspace_id, created_at DESC, id DESC);
-- A run's calls.
CREATE INDEX request_logs_execution_idx ON request_logs (execution_id, created_at DESC, id DESC)
    WHERE execution_id IS NOT NULL;

GRANT SELECT, INSERT ON request_logs TO connector_engine_api;
GRANT INSERT ON request_logs TO connector_engine_worker;

ALTER TABLE request_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE request_logs FORCE ROW LEVEL SECURITY;

CREATE POLICY api_workspace ON request_logs TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY worker_all_workspaces ON request_logs FOR INSERT TO connector_engine_worker
    WITH CHECK (true);
