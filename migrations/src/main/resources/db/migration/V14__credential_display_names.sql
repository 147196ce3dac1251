-- Connector Engine schema, version 14: credentials get a display name, and are listed.
--
-- GET /api/v1/credentials pages a workspace's credentials newest first by (created_at, id), the
-- order every other list of the API uses, so one cursor format serves them all; the index below
-- answers each page with a range scan. Ordering by service name would need a second cursor shape
-- for one list, and the unique (workspace_id, service_name) index already serves look-ups by name.
--
-- No grant changes: the API already updates this table (PUT, tests) and the worker already updates
-- it (oauth2 tokens), now also last_used_at.
ALTER TABLE workspace_api_credentials
    ADD COLUMN display_name text CHECK (char_length(display_name) <= 200);

CREATE INDEX workspace_api_credentials_newest
    ON workspace_api_credentials (workspace_id, created_at DESC, id DESC);
