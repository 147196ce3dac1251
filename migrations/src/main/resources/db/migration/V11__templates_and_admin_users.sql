-- Connector Engine schema, version 11: the templates marketplace and the platform's admin users.
--
-- A template is a connector spec without credentials (its credential references name services,
-- never secrets), global rather than per workspace: official ones are written by platform admins,
-- community ones by the workspace that published them. Installing one creates a connector that
-- records created_from_template.

-- People who run the platform. Each has an API key of their own (only its SHA-256 hash is kept);
-- the configured admin token acts as an owner beside them. Not a workspace table: the API reads it
-- to authenticate the admin calls, before and outside any workspace.
CREATE TABLE saas_admin_users (
    id              uuid PRIMARY KEY,
    email           text        NOT NULL,
    name            text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('developer', 'admin', 'owner')),
    api_key_hash    bytea       NOT NULL UNIQUE,
    api_key_prefix  text        NOT NULL,
    last_used_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX saas_admin_users_email_key ON saas_admin_users (lower(email));

CREATE TABLE connector_templates (
    id                      uuid PRIMARY KEY,
    name                    text        NOT NULL,
    description             text,
    icon                    text,
    category                text,
    steps                   jsonb       NOT NULL,
    input_schema            jsonb,
    field_mappings          jsonb,
    timeout_ms              integer     NOT NULL CHECK (timeout_ms > 0),
    max_retries             integer     NOT NULL CHECK (max_retries >= 0),
    continue_on_error       boolean     NOT NULL DEFAULT false,
    -- the services whose credentials the steps use, as they name them
    required_credentials    text[]      NOT NULL DEFAULT '{}',
    is_official             boolean     NOT NULL,
    is_featured             boolean     NOT NULL DEFAULT false,
    is_public               boolean     NOT NULL DEFAULT true,
    install_count           bigint      NOT NULL DEFAULT 0,
    -- the mean rating is rating_sum / rating_count, both kept by template_ratings' trigger
    rating_sum              bigint      NOT NULL DEFAULT 0,
    rating_count            bigint      NOT NULL DEFAULT 0,
    tags                    text[]      NOT NULL DEFAULT '{}',
    -- community: the publishing workspace; official: the admin user (null for the admin token)
    published_by_workspace  uuid        REFERENCES workspaces (id) ON DELETE CASCADE,
    published_by_admin      uuid        REFERENCES saas_admin_users (id) ON DELETE SET NULL,
    source_connector_id     uuid,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CHECK (is_official = (published_by_workspace IS NULL))
);
CREATE UNIQUE INDEX connector_templates_name_key ON connector_templates (lower(name));
CREATE INDEX connector_templates_tags_idx ON connector_templates USING gin (tags);
CREATE INDEX connector_templates_popular_idx ON connector_templates (install_count DESC, id);
CREATE INDEX connector_templates_newest_idx ON connector_templates (created_at DESC, id);
CREATE INDEX connector_templates_workspace_idx ON connector_templates (published_by_workspace)
    WHERE published_by_workspace IS NOT NULL;

-- One rating per workspace and template, changeable.
CREATE TABLE template_ratings (
    template_id   uuid        NOT NULL REFERENCES connector_templates (id) ON DELETE CASCADE,
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    stars         smallint    NOT NULL CHECK (stars BETWEEN 1 AND 5),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (template_id, workspace_id)
);
CREATE INDEX template_ratings_workspace_idx ON template_ratings (workspace_id);

-- The template a connector was installed from; kept when the template is unpublished later.
ALTER TABLE connectors ADD COLUMN created_from_template uuid;
-- What a template's usage count sums over.
CREATE INDEX connectors_created_from_template_idx ON connectors (created_from_template)
    WHERE created_from_template IS NOT NULL;

-- Whether the transaction acts as a platform admin (the API's admin calls set it, and no workspace).
CREATE FUNCTION connector_engine_platform_admin() RETURNS boolean
    LANGUAGE sql STABLE
AS $$
    SELECT coalesce(current_setting('connector_engine.platform_admin', true), '') = 'on'
           AND connector_engine_workspace_id() IS NULL
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON saas_admin_users TO connector_engine_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON connector_templates TO connector_engine_api;
GRANT SELECT, INSERT, UPDATE ON template_ratings TO connector_engine_api;

ALTER TABLE connector_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE connector_templates FORCE ROW LEVEL SECURITY;
ALTER TABLE template_ratings ENABLE ROW LEVEL SECURITY;
ALTER TABLE template_ratings FORCE ROW LEVEL SECURITY;

-- Templates: public ones are visible to every workspace, a private one to its publisher only;
-- community templates are written by their publishing workspace, official ones by admins.
CREATE POLICY api_read ON connector_templates FOR SELECT TO connector_engine_api
    USING (is_public OR published_by_workspace = connector_engine_workspace_id()
           OR connector_engine_platform_admin());
CREATE POLICY api_community_insert ON connector_templates FOR INSERT TO connector_engine_api
    WITH CHECK (NOT is_official AND published_by_workspace = connector_engine_workspace_id());
CREATE POLICY api_community_update ON connector_templates FOR UPDATE TO connector_engine_api
    USING (NOT is_official AND published_by_workspace = connector_engine_workspace_id())
    WITH CHECK (NOT is_official AND published_by_workspace = connector_engine_workspace_id());
CREATE POLICY api_community_delete ON connector_templates FOR DELETE TO connector_engine_api
    USING (NOT is_official AND published_by_workspace = connector_engine_workspace_id());
CREATE POLICY api_official ON connector_templates TO connector_engine_api
    USING (is_official AND connector_engine_platform_admin())
    WITH CHECK (is_official AND connector_engine_platform_admin());

CREATE POLICY api_workspace ON template_ratings TO connector_engine_api
    USING (workspace_id = connector_engine_workspace_id())
    WITH CHECK (workspace_id = connector_engine_workspace_id());

-- The counters every workspace moves (installs, ratings) and the usage every workspace's runs add
-- to are kept by functions run as their owner, the migrating user; a non-superuser owner is held
-- to the forced policies, so these let it do exactly that.
CREATE POLICY owner_counters ON connector_templates TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY owner_template_usage ON connectors FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY owner_template_usage ON connector_execution_stats FOR SELECT TO CURRENT_USER
    USING (true);

-- Installs: counted when the connector row is written, in its transaction, so exactly once.
CREATE FUNCTION connector_engine_count_template_install() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
BEGIN
    UPDATE connector_templates SET install_count = install_count + 1
     WHERE id = NEW.created_from_template;
    RETURN NULL;
END
$$;
CREATE TRIGGER connectors_count_template_install AFTER INSERT ON connectors
    FOR EACH ROW WHEN (NEW.created_from_template IS NOT NULL)
    EXECUTE FUNCTION connector_engine_count_template_install();

-- Ratings: the sum and count move with each rating row under the template row's lock, so the mean
-- stays exact however many workspaces rate at once.
CREATE FUNCTION connector_engine_count_template_rating() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE connector_templates
           SET rating_sum = rating_sum + NEW.stars, rating_count = rating_count + 1
         WHERE id = NEW.template_id;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE connector_templates SET rating_sum = rating_sum + NEW.stars - OLD.stars
         WHERE id = NEW.template_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER template_ratings_count AFTER INSERT OR UPDATE OF stars ON template_ratings
    FOR EACH ROW EXECUTE FUNCTION connector_engine_count_template_rating();

-- Usage: the runs of every connector installed from these templates, summed at read time from the
-- statistics the worker already keeps (nothing is added to a run's path), over the index above.
CREATE FUNCTION connector_engine_template_usage(ids uuid[])
    RETURNS TABLE (template_id uuid, usage_count bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
    SELECT c.created_from_template, coalesce(sum(s.total_executions), 0)::bigint
      FROM connectors c
      JOIN connector_execution_stats s ON s.connector_id = c.id
     WHERE c.created_from_template = ANY(ids)
     GROUP BY c.created_from_template
$$;
REVOKE ALL ON FUNCTION connector_engine_template_usage(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION connector_engine_template_usage(uuid[]) TO connector_engine_api;

-- The official templates the platform ships with. The CRM one is shaped like the local demo CRM
-- (bin/run-local serves it on 127.0.0.1:8090 and installs this template into the demo workspace);
-- the others are shaped like the public APIs they name. Install maps their services to yours.
INSERT INTO connector_templates (id, name, description, icon, category, steps, input_schema,
                                 field_mappings, timeout_ms, max_retries, continue_on_error,
                                 required_credentials, is_official, is_featured, is_public, tags)
VALUES
('6f1c2a0e-0000-4000-8000-000000000001', 'CRM: find person and enrich company',
 'Finds a person in the CRM by email, enriches their company and updates the contact.',
 'users', 'crm',
 '[{"id": "person", "name": "Find person",
    "request": {"method": "GET", "url": "http://127.0.0.1:8090/people",
                "query": {"email": "{{ input.email }}"},
                "headers": {"X-Api-Key": "{{ credentials.crm.apiKey }}"}},
    "extract": {"id": "$.data[0].id", "company": "$.data[0].company"}},
   {"id": "company", "name": "Enrich company",
    "request": {"method": "POST", "url": "http://127.0.0.1:8090/companies/enrich",
                "body": {"personId": "{{ steps.person.output.id }}",
                         "company": "{{ steps.person.output.company }}"}},
    "extract": {"name": "$.company.name", "size": "$.company.size"}},
   {"id": "update", "name": "Update contact",
    "request": {"method": "PUT", "url": "http://127.0.0.1:8090/contacts/{{ steps.person.output.id }}",
                "body": {"companyName": "{{ steps.company.output.name }}",
                         "employees": "{{ steps.company.output.size }}"}},
    "extract": {"employees": "$.employees"}}]',
 '{"type": "object", "required": ["email"], "properties": {"email": {"type": "string", "format": "email"}}}',
 '{"personId": "{{ steps.person.output.id }}", "companyName": "{{ steps.company.output.name }}",
   "employees": "{{ steps.update.output.employees }}"}',
 30000, 2, false, '{crm}', true, true, true, '{crm,enrichment,contacts}'),
('6f1c2a0e-0000-4000-8000-000000000002', 'GitHub: create an issue',
 'Opens an issue in a repository.', 'bug', 'developer-tools',
 '[{"id": "issue", "name": "Create issue", "auth": "github",
    "request": {"method": "POST",
                "url": "https://api.github.com/repos/{{ input.owner }}/{{ input.repo }}/issues",
                "headers": {"Accept": "application/vnd.github+json"},
                "body": {"title": "{{ input.title }}", "body": "{{ input.body }}"}},
    "extract": {"number": "$.number", "url": "$.html_url"}}]',
 '{"type": "object", "required": ["owner", "repo", "title"],
   "properties": {"owner": {"type": "string"}, "repo": {"type": "string"},
                  "title": {"type": "string"}, "body": {"type": "string"}}}',
 NULL, 30000, 3, false, '{github}', true, false, true, '{issues,github}'),
('6f1c2a0e-0000-4000-8000-000000000003', 'Slack: post a message',
 'Posts a message to a channel.', 'message-square', 'communication',
 '[{"id": "message", "name": "Post message", "auth": "slack",
    "request": {"method": "POST", "url": "https://slack.com/api/chat.postMessage",
                "body": {"channel": "{{ input.channel }}", "text": "{{ input.text }}"}},
    "extract": {"ts": "$.ts", "ok": "$.ok"}}]',
 '{"type": "object", "required": ["channel", "text"],
   "properties": {"channel": {"type": "string"}, "text": {"type": "string"}}}',
 NULL, 15000, 2, false, '{slack}', true, true, true, '{chat,slack,notifications}'),
('6f1c2a0e-0000-4000-8000-000000000004', 'HubSpot: upsert a contact',
 'Creates or updates a contact by email.', 'user-plus', 'crm',
 '[{"id": "contact", "name": "Upsert contact", "auth": "hubspot",
    "request": {"method": "POST", "url": "https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert",
                "body": {"inputs": [{"id": "{{ input.email }}", "idProperty": "email",
                                     "properties": {"firstname": "{{ input.firstName }}",
                                                    "lastname": "{{ input.lastName }}"}}]}},
    "extract": {"id": "$.results[0].id"}}]',
 '{"type": "object", "required": ["email"],
   "properties": {"email": {"type": "string"}, "firstName": {"type": "string"},
                  "lastName": {"type": "string"}}}',
 NULL, 30000, 3, false, '{hubspot}', true, false, true, '{crm,contacts,hubspot}');
