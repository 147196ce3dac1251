-- Connector Engine schema, version 15: API keys that expire, and keys held to some connectors.

-- expires_at: from then on the key is refused (null: never). connector_ids: the only connectors
-- the key may trigger (null: every connector of its workspace). The ids are checked against the
-- workspace's connectors when the key is made; an array cannot hold foreign keys, so a connector
-- deleted later simply stays listed and cannot be triggered by anyone.
ALTER TABLE api_keys
    ADD COLUMN expires_at    timestamptz,
    ADD COLUMN connector_ids uuid[],
    ADD CONSTRAINT api_keys_connector_ids_check
        CHECK (connector_ids IS NULL
               OR (cardinality(connector_ids) BETWEEN 1 AND 100
                   AND array_position(connector_ids, NULL) IS NULL));

-- V3's look-up, now also answering when the key expires and which connectors it may trigger. It
-- still answers an expired key, so that authentication can say why it refuses it; whether it has
-- expired is decided by the API against its clock. The result type changes, so the function is
-- dropped and made again, with V3's owner rights, pinned search_path and grants.
DROP FUNCTION connector_engine_active_api_key(bytea);

CREATE FUNCTION connector_engine_active_api_key(hash bytea)
    RETURNS TABLE (id uuid, workspace_id uuid, key_hash bytea, scopes text[],
                   last_used_at timestamptz, expires_at timestamptz, connector_ids uuid[])
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
    SELECT k.id, k.workspace_id, k.key_hash, k.scopes, k.last_used_at, k.expires_at,
           k.connector_ids
      FROM api_keys k
     WHERE k.key_hash = hash AND k.revoked_at IS NULL
$$;
REVOKE ALL ON FUNCTION connector_engine_active_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION connector_engine_active_api_key(bytea) TO connector_engine_api;
