-- Connector Engine schema, version 1.
-- Every table but the catalogue ones belongs to exactly one workspace.

CREATE TABLE workspaces (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Only a SHA-256 hash of a key is stored; the prefix lets a person recognise a key in a list.
CREATE TABLE api_keys (
    id            uuid PRIMARY KEY,
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    prefix        text        NOT NULL,
    key_hash      bytea       NOT NULL UNIQUE,
    scopes        text[]      NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_keys_workspace_idx ON api_keys (workspace_id, created_at DESC);

-- Secret values are sealed (Tink AEAD, workspace id and service name as associated data);
-- value_names lists the field names so they can be shown without opening the seal.
CREATE TABLE workspace_api_credentials (
    id                uuid PRIMARY KEY,
    workspace_id      uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    service_name      text        NOT NULL,
    type              text        NOT NULL CHECK (type IN ('api_key', 'bearer', 'basic', 'oauth2')),
    sealed_values     bytea       NOT NULL,
    value_names       text[]      NOT NULL,
    status            text        NOT NULL DEFAULT 'active'
                                  CHECK (status IN ('active', 'expired', 'revoked', 'needs_reauth')),
    expires_at        timestamptz,
    last_used_at      timestamptz,
    is_verified       boolean     NOT NULL DEFAULT false,
    last_verified_at  timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, service_name)
);

-- A connector's identity and switches; what it does lives in immutable versions, so a run
-- executes the spec it was triggered with even if the connector is edited meanwhile.
CREATE TABLE connectors (
    id               uuid PRIMARY KEY,
    workspace_id     uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name             text        NOT NULL,
    description      text,
    category         text,
    enabled          boolean     NOT NULL DEFAULT true,
    current_version  integer     NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    deleted_at       timestamptz
);
CREATE INDEX connectors_workspace_idx ON connectors (workspace_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;

CREATE TABLE connector_versions (
    connector_id       uuid        NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    version            integer     NOT NULL,
    workspace_id       uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    type               text        NOT NULL CHECK (type IN ('single-step', 'multi-step')),
    steps              jsonb       NOT NULL,
    input_schema       jsonb,
    field_mappings     jsonb,
    timeout_ms         integer     NOT NULL CHECK (timeout_ms > 0),
    max_retries        integer     NOT NULL CHECK (max_retries >= 0),
    continue_on_error  boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connector_id, version)
);

-- Execution statistics are split over a few slots per connector and summed on read, so
-- concurrent runs of one busy connector do not queue on one row lock.
CREATE TABLE connector_execution_stats (
    connector_id           uuid        NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    slot                   smallint    NOT NULL,
    workspace_id           uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    total_executions       bigint      NOT NULL DEFAULT 0,
    successful_executions  bigint      NOT NULL DEFAULT 0,
    failed_executions      bigint      NOT NULL DEFAULT 0,
    last_executed_at       timestamptz,
    PRIMARY KEY (connector_id, slot)
);

CREATE TABLE connector_executions (
    id                 uuid PRIMARY KEY,
    workspace_id       uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connector_id       uuid        NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    connector_version  integer     NOT NULL,
    status             text        NOT NULL DEFAULT 'pending'
                                   CHECK (status IN ('pending', 'running', 'success', 'failed',
                                                     'timeout', 'cancelled')),
    current_step       text,
    steps_executed     jsonb       NOT NULL DEFAULT '[]',
    input_data         jsonb       NOT NULL,
    output_data        jsonb,
    error_message      text,
    execution_time_ms  bigint,
    -- Incremented by every claim; every write after a claim is fenced on it.
    attempt            integer     NOT NULL DEFAULT 0,
    lease_owner        text,
    lease_expires_at   timestamptz,
    -- The whole-run deadline, set at the first claim from the connector's timeout_ms.
    timeout_ms         integer     NOT NULL,
    deadline_at        timestamptz,
    cancel_requested_at timestamptz,
    flow_run_id        text,
    idempotency_key    text,
    callback_url       text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    started_at         timestamptz,
    finished_at        timestamptz,
    FOREIGN KEY (connector_id, connector_version) REFERENCES connector_versions (connector_id, version)
);

CREATE UNIQUE INDEX connector_executions_idempotency_idx
    ON connector_executions (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- Keyset paging, newest first, with and without filters.
CREATE INDEX connector_executions_page_idx
    ON connector_executions (workspace_id, created_at DESC, id DESC);
CREATE INDEX connector_executions_connector_page_idx
    ON connector_executions (workspace_id, connector_id, created_at DESC, id DESC);
CREATE INDEX connector_executions_status_page_idx
    ON connector_executions (workspace_id, status, created_at DESC, id DESC);
-- Sweeping: pending runs whose job may be lost, running runs whose lease or deadline passed.
-- updated_at: the sweeper republishes pending runs not touched for a while and bumps it.
CREATE INDEX connector_executions_pending_idx
    ON connector_executions (updated_at) WHERE status = 'pending';
CREATE INDEX connector_executions_lease_idx
    ON connector_executions (lease_expires_at) WHERE status = 'running';
CREATE INDEX connector_executions_deadline_idx
    ON connector_executions (deadline_at) WHERE status = 'running';
CREATE INDEX connector_executions_lease_owner_idx
    ON connector_executions (lease_owner) WHERE status = 'running';
-- Each worker polls its own runs whose cancellation was asked for, every ~500 ms.
CREATE INDEX connector_executions_cancel_idx
    ON connector_executions (lease_owner) WHERE status = 'running' AND cancel_requested_at IS NOT NULL;
