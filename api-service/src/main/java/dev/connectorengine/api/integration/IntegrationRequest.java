package dev.connectorengine.api.integration;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/integrations} and {@code PUT /api/v1/integrations/{slug}} (a full replace).
 *
 * @param slug how steps and URLs name it: {@code [a-z0-9][a-z0-9-]{0,62}}, unique in the workspace;
 *     on PUT absent or the path's
 * @param baseUrl absolute http(s), no query, fragment or user information; every action's endpoint
 *     is relative to it
 * @param authType none, api_key, bearer, basic, oauth2 or custom_header
 * @param credential the workspace credential's service name; null exactly when authType is none
 * @param status draft, active (the default), error or disabled
 * @param tags at most 20, each at most 50 chars; stored trimmed and lower-case
 * @param metadata any JSON object up to 16 KiB
 */
record IntegrationRequest(
    String name,
    String slug,
    String displayName,
    String description,
    String baseUrl,
    String documentationUrl,
    String authType,
    String credential,
    String status,
    List<String> tags,
    JsonNode metadata) {}
