-- Connector Engine schema, version 6: worker liveness and counted give-backs.
--
-- Each life of a worker process (an incarnation, with an owner name of its own) keeps one row
-- here and renews it every second or so. A running execution whose lease_owner's row has expired
-- belongs to a dead worker: the sweeper takes it back within seconds instead of waiting for the
-- run's own, much longer, lease. A worker whose renewals fail stops its runs before its row
-- expires, so a live worker's run is never taken from it. Not workspace data: no row-level
-- security.
CREATE TABLE worker_liveness (
    owner       text PRIMARY KEY,
    started_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX worker_liveness_expires_idx ON worker_liveness (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON worker_liveness TO connector_engine_worker;

-- Runs handed back by a stopping worker are counted apart from claims lost with a dead worker, so
-- rolling restarts do not use up a run's crash budget (WORKER_MAX_ATTEMPTS).
ALTER TABLE connector_executions ADD COLUMN give_backs integer NOT NULL DEFAULT 0;
