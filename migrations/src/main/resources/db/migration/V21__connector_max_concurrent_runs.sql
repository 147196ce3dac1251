-- Connector Engine schema, version 21: a connector's limit on runs at once.
--
-- max_concurrent_runs: the most runs of the connector running at once across all workers (null:
-- no limit), for targets with strict limits. An operational setting of the connector like enabled,
-- not part of its versioned spec: changing it writes no version.
ALTER TABLE connectors ADD COLUMN max_concurrent_runs integer
    CHECK (max_concurrent_runs IS NULL OR max_concurrent_runs BETWEEN 1 AND 100000);

-- The workers read the limits of every workspace's live connectors, and nothing else of them:
--   SELECT id, max_concurrent_runs FROM connectors
--    WHERE max_concurrent_runs IS NOT NULL AND deleted_at IS NULL
-- id and deleted_at are granted already (V17); V17's policy shows only soft-deleted connectors, so
-- this one adds those with a limit. Retention's DELETE policy (V17) is unchanged.
GRANT SELECT (max_concurrent_runs) ON connectors TO connector_engine_worker;
CREATE POLICY worker_concurrency_limits ON connectors FOR SELECT TO connector_engine_worker
    USING (max_concurrent_runs IS NOT NULL);

-- That read, periodic, over the few limited connectors among many.
CREATE INDEX connectors_limited_idx ON connectors (id)
    WHERE max_concurrent_runs IS NOT NULL AND deleted_at IS NULL;
