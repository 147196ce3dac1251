-- Connector Engine schema, version 8: status events leave through an outbox.
--
-- Every status change of an execution is recorded, in the transaction that makes it, as one row
-- of execution_event_outbox; the workers' relay sends the rows to the events topic and deletes
-- them once the broker has acknowledged them. A crash or a broker outage delays events, never
-- loses them (at least once: a relay that dies between sending and deleting sends them again,
-- with the same event_id).
--
-- A trigger writes the rows, so every path that changes a status (the worker's claims and
-- terminal writes, the sweeper, give-backs, the API's cancel, anything added later) records its
-- event without knowing about it. It fires only when status is in the UPDATE's SET list and its
-- value changes: progress writes, lease renewals and republishing touches add nothing. A row
-- inserted as pending is no event (the trigger call's answer already says so, as before this
-- change): the first event of a run is its claim, with sequence 1.

-- How many status events this execution has had; the last one's sequence.
ALTER TABLE connector_executions ADD COLUMN event_sequence integer NOT NULL DEFAULT 0;

-- No foreign keys: the insert sits on the hot path, and an event may outlive its run's rows.
CREATE TABLE execution_event_outbox (
    id            bigserial PRIMARY KEY,
    event_id      uuid        NOT NULL DEFAULT gen_random_uuid(),
    execution_id  uuid        NOT NULL,
    workspace_id  uuid        NOT NULL,
    connector_id  uuid        NOT NULL,
    sequence      integer     NOT NULL,
    status        text        NOT NULL,
    current_step  text,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

-- Plain plpgsql, no JSON: one counter bump and one narrow insert per status change. The row
-- takes the transaction's time, as the run's own started_at, finished_at and updated_at do.
CREATE FUNCTION connector_engine_record_status_event() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.event_sequence := OLD.event_sequence + 1;
    INSERT INTO execution_event_outbox
        (execution_id, workspace_id, connector_id, sequence, status, current_step)
    VALUES
        (NEW.id, NEW.workspace_id, NEW.connector_id, NEW.event_sequence, NEW.status,
         NEW.current_step);
    RETURN NEW;
END
$$;

CREATE TRIGGER execution_status_event
    BEFORE UPDATE OF status ON connector_executions
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION connector_engine_record_status_event();

-- The trigger runs as whoever changes the status: the API (a pending run cancelled) and the
-- worker both insert; only the worker's relay reads and deletes.
GRANT INSERT ON execution_event_outbox TO connector_engine_api;
GRANT SELECT, INSERT, DELETE ON execution_event_outbox TO connector_engine_worker;
GRANT USAGE ON SEQUENCE execution_event_outbox_id_seq
    TO connector_engine_api, connector_engine_worker;

ALTER TABLE execution_event_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE execution_event_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY api_workspace ON execution_event_outbox TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
CREATE POLICY worker_all_workspaces ON execution_event_outbox TO connector_engine_worker
    USING (true) WITH CHECK (true);
