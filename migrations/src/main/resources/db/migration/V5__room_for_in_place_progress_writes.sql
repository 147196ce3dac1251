-- Connector Engine schema, version 5: room for in-place progress writes.
--
-- A running execution's progress is written as each step starts. Those writes change no indexed
-- column (updated_at marks status changes only), so PostgreSQL can update the row in place (a
-- HOT update) without touching the table's indexes, but only if the row's page has room for the
-- new version. Leave a fifth of each page free for them.
ALTER TABLE connector_executions SET (fillfactor = 80);
