-- Connector Engine schema, version 13: integrations, their typed actions, and cached answers.
--
-- An integration (per workspace) names a third-party API: its base URL and the credential it
-- authenticates with. Its actions are typed calls under that base URL; `spec` holds what the call
-- does (dev.connectorengine.model.integration.ActionSpec as JSON). A connector step that names an
-- action is resolved when the connector is saved: the action's request, credential, retry and
-- `binding` go into the connector version, so a run reads nothing more than it did before.
CREATE TABLE integrations (
    id                  uuid PRIMARY KEY,
    workspace_id        uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    slug                text        NOT NULL,
    name                text        NOT NULL,
    display_name        text,
    description         text,
    base_url            text        NOT NULL,
    documentation_url   text,
    auth_type           text        NOT NULL
        CHECK (auth_type IN ('none', 'api_key', 'bearer', 'basic', 'oauth2', 'custom_header')),
    -- the workspace credential's service name; null only for auth_type 'none'
    credential_service  text,
    status              text        NOT NULL DEFAULT 'active'
        CHECK (status IN ('draft', 'active', 'error', 'disabled')),
    tags                text[]      NOT NULL DEFAULT '{}',
    metadata            jsonb       NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, slug),
    CHECK ((auth_type = 'none') = (credential_service IS NULL))
);
-- The list: newest first in keyset pages; tags searched with && / @>.
CREATE INDEX integrations_workspace_idx ON integrations (workspace_id, created_at DESC, id DESC);
CREATE INDEX integrations_tags_idx ON integrations USING gin (tags);

CREATE TABLE integration_actions (
    id              uuid PRIMARY KEY,
    workspace_id    uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    integration_id  uuid        NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
    slug            text        NOT NULL,
    name            text        NOT NULL,
    description     text,
    -- 1 when created, one more on every change: cached answers of another version are not reused
    version         integer     NOT NULL DEFAULT 1,
    spec            jsonb       NOT NULL,
    metadata        jsonb       NOT NULL DEFAULT '{}',
    -- the hidden connector that POST .../actions/{action}/invoke triggers
    connector_id    uuid        REFERENCES connectors (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (integration_id, slug)
);
CREATE INDEX integration_actions_integration_idx
    ON integration_actions (integration_id, created_at DESC, id DESC);

-- An action's own connector (what /invoke runs) is a connector like any other for runs,
-- statistics and webhooks, but not listed among the workspace's connectors.
ALTER TABLE connectors ADD COLUMN action_id uuid;

-- Successful answers of cacheable actions, per workspace, action and input (a SHA-256 of the
-- rendered input). Written by the workers after a successful call; expired rows are deleted by
-- the workers' sweeper.
CREATE TABLE action_answer_cache (
    workspace_id    uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    action_id       uuid        NOT NULL,
    input_hash      bytea       NOT NULL,
    action_version  integer     NOT NULL,
    http_status     integer     NOT NULL,
    body            jsonb,
    headers         jsonb       NOT NULL DEFAULT '{}',
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, action_id, input_hash)
);
CREATE INDEX action_answer_cache_expiry_idx ON action_answer_cache (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON integrations TO connector_engine_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON integration_actions TO connector_engine_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON action_answer_cache TO connector_engine_worker;

ALTER TABLE integrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE integrations FORCE ROW LEVEL SECURITY;
ALTER TABLE integration_actions ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_actions FORCE ROW LEVEL SECURITY;
ALTER TABLE action_answer_cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_answer_cache FORCE ROW LEVEL SECURITY;

CREATE POLICY api_workspace ON integrations TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY api_workspace ON integration_actions TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
-- The API has no grant on the cache; its policy keeps every workspace table under the same rule.
CREATE POLICY api_workspace ON action_answer_cache TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY worker_all_workspaces ON action_answer_cache TO connector_engine_worker
    USING (true) WITH CHECK (true);
