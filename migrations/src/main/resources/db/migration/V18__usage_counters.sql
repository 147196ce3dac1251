-- Connector Engine schema, version 18: usage counters for workspaces with run limits.
--
-- A workspace whose settings set runsPerDay or runsPerMonth has its runs counted per UTC day and
-- month here, in the transaction that writes them: the counter row's lock makes concurrent triggers
-- of that workspace, on any API instance, see each other's counts, so a limit is exact. A
-- workspace without limits is not counted here (its usage is counted from its executions when
-- asked), so limits cost nothing to those who set none.
CREATE TABLE workspace_usage (
    workspace_id  uuid    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    period        text    NOT NULL CHECK (period IN ('day', 'month')),
    period_start  date    NOT NULL,
    runs          bigint  NOT NULL CHECK (runs >= 0),
    PRIMARY KEY (workspace_id, period, period_start)
);

GRANT SELECT, INSERT, UPDATE ON workspace_usage TO connector_engine_api;

ALTER TABLE workspace_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspace_usage FORCE ROW LEVEL SECURITY;

CREATE POLICY api_workspace ON workspace_usage TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());
