-- Connector Engine schema, version 7: signed webhooks from a transactional outbox.
--
-- A workspace registers endpoints (a URL, the terminal events it wants, optionally one connector);
-- a run's terminal transition records one delivery per matching endpoint, plus one for the run's
-- own callback_url, in the transaction that makes it terminal. Workers send them, signed with the
-- workspace's secret (Standard Webhooks), and retry until a 2xx or the retry window ends.

-- Deleted endpoints stay (deleted_at) so that their deliveries keep their history.
CREATE TABLE webhook_endpoints (
    id            uuid PRIMARY KEY,
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    url           text        NOT NULL,
    events        text[]      NOT NULL,
    connector_id  uuid        REFERENCES connectors (id) ON DELETE CASCADE,
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);
CREATE INDEX webhook_endpoints_workspace_idx ON webhook_endpoints (workspace_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;
-- What the terminal trigger probes for every finished run: nothing to find costs one index probe.
CREATE INDEX webhook_endpoints_active_idx ON webhook_endpoints (workspace_id)
    WHERE enabled AND deleted_at IS NULL;

-- One signing secret per workspace, sealed (Tink AEAD, workspace id and purpose as associated
-- data). After a rotation the previous one keeps signing beside it until previous_expires_at.
CREATE TABLE webhook_secrets (
    workspace_id         uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    sealed_secret        bytea       NOT NULL,
    previous_sealed      bytea,
    previous_expires_at  timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    rotated_at           timestamptz
);

-- The outbox. A delivery is claimed like a run: a guarded UPDATE sets the lease and increments
-- claims, and the result write is fenced on (id, claims). next_attempt_at is also the lease's end
-- while one is held, so one partial index finds what is due, claimed or not.
CREATE TABLE webhook_deliveries (
    id                uuid PRIMARY KEY,
    workspace_id      uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    execution_id      uuid        NOT NULL REFERENCES connector_executions (id) ON DELETE CASCADE,
    -- null: the run's own callback_url
    endpoint_id       uuid        REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    url               text        NOT NULL,
    event_type        text        NOT NULL CHECK (event_type IN ('execution.succeeded',
                                  'execution.failed', 'execution.timed_out', 'execution.cancelled')),
    -- webhook-id: the same for every attempt and every redelivery of this delivery
    message_id        text        NOT NULL,
    status            text        NOT NULL DEFAULT 'pending'
                                  CHECK (status IN ('pending', 'delivered', 'failed')),
    claims            integer     NOT NULL DEFAULT 0,
    lease_owner       text,
    lease_expires_at  timestamptz,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    -- retries end retry-window after this; a redelivery starts a new cycle
    cycle_started_at  timestamptz NOT NULL DEFAULT now(),
    -- [{at, httpStatus, latencyMs, error, response}], oldest first
    attempts          jsonb       NOT NULL DEFAULT '[]',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_execution_idx ON webhook_deliveries (execution_id, created_at);

-- The outbox rule, written once for every path that ends a run (the worker's batched terminal
-- write, its cancel, the sweeper's timeout and worker-lost ends, the API's cancel of a pending
-- run): it runs in their transaction, as their role, under their row-level security.
CREATE FUNCTION connector_engine_record_webhook_deliveries() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    event text := CASE NEW.status
                      WHEN 'success' THEN 'execution.succeeded'
                      WHEN 'failed' THEN 'execution.failed'
                      WHEN 'timeout' THEN 'execution.timed_out'
                      WHEN 'cancelled' THEN 'execution.cancelled'
                  END;
BEGIN
    INSERT INTO webhook_deliveries (id, workspace_id, execution_id, endpoint_id, url, event_type,
                                    message_id)
    SELECT d.id, NEW.workspace_id, NEW.id, e.id, e.url, event, 'msg_' || d.id
      FROM webhook_endpoints e
     CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id) d
     WHERE e.workspace_id = NEW.workspace_id AND e.enabled AND e.deleted_at IS NULL
       AND event = ANY (e.events)
       AND (e.connector_id IS NULL OR e.connector_id = NEW.connector_id);
    IF NEW.callback_url IS NOT NULL THEN
        INSERT INTO webhook_deliveries (id, workspace_id, execution_id, endpoint_id, url,
                                        event_type, message_id)
        SELECT d.id, NEW.workspace_id, NEW.id, NULL, NEW.callback_url, event, 'msg_' || d.id
          FROM (SELECT gen_random_uuid() AS id) d;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER connector_executions_webhook_deliveries
    AFTER UPDATE OF status ON connector_executions
    FOR EACH ROW
    WHEN (NEW.status IN ('success', 'failed', 'timeout', 'cancelled')
          AND OLD.status NOT IN ('success', 'failed', 'timeout', 'cancelled'))
    EXECUTE FUNCTION connector_engine_record_webhook_deliveries();

-- The API manages endpoints and the secret, reads and redelivers deliveries, and records them
-- when it cancels a pending run (the trigger runs as the API role then).
GRANT SELECT, INSERT, UPDATE ON webhook_endpoints TO connector_engine_api;
GRANT SELECT, INSERT, UPDATE ON webhook_secrets TO connector_engine_api;
GRANT SELECT, INSERT, UPDATE ON webhook_deliveries TO connector_engine_api;
-- The worker records deliveries as it ends runs, sends them, and creates a workspace's secret if
-- a delivery is due before anyone read it.
GRANT SELECT ON webhook_endpoints TO connector_engine_worker;
GRANT SELECT, INSERT ON webhook_secrets TO connector_engine_worker;
GRANT SELECT, INSERT, UPDATE ON webhook_deliveries TO connector_engine_worker;

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_secrets FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;

CREATE POLICY api_workspace ON webhook_endpoints TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY api_workspace ON webhook_secrets TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY api_workspace ON webhook_deliveries TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());

CREATE POLICY worker_all_workspaces ON webhook_endpoints FOR SELECT TO connector_engine_worker
    USING (true);
CREATE POLICY worker_all_workspaces ON webhook_secrets TO connector_engine_worker
    USING (true) WITH CHECK (true);
CREATE POLICY worker_all_workspaces ON webhook_deliveries TO connector_engine_worker
    USING (true) WITH CHECK (true);
