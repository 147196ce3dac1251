-- Connector Engine schema, version 10: bin/credentials reseal re-seals webhook signing secrets.
--
-- The command acts as connector_engine_worker, the role that reaches every workspace under
-- row-level security (V7's worker_all_workspaces policy already covers every command). V7 let the
-- worker only read and create secrets; re-sealing locks each batch FOR UPDATE and writes the two
-- sealed columns back, which needs UPDATE on them. Nothing else of the row may change.
GRANT UPDATE (sealed_secret, previous_sealed) ON webhook_secrets TO connector_engine_worker;
