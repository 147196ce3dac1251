package dev.connectorengine.api.integration;

import dev.connectorengine.model.connector.RetrySpec;
import dev.connectorengine.model.integration.ActionSpec;
import dev.connectorengine.model.integration.PaginationSpec;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/integrations/{slug}/actions} and {@code PUT .../actions/{action}}: the
 * action's catalogue fields and, at the top level, what it does (see {@link ActionSpec}).
 *
 * @param slug {@code [a-z0-9][a-z0-9-]{0,62}}, unique in the integration; on PUT absent or the
 *     path's
 * @param metadata any JSON object up to 16 KiB
 */
record ActionRequest(
    String slug,
    String name,
    String description,
    JsonNode metadata,
    String method,
    String endpointTemplate,
    Map<String, String> headers,
    Map<String, String> query,
    JsonNode body,
    JsonNode inputSchema,
    JsonNode outputSchema,
    PaginationSpec pagination,
    RetrySpec retry,
    Boolean cacheable,
    Integer cacheTtlSeconds,
    JsonNode outputMapping) {

  /** What the action does, as stored. */
  ActionSpec spec() {
    return new ActionSpec(
        method,
        endpointTemplate,
        headers,
        query,
        body,
        inputSchema,
        outputSchema,
        pagination,
        retry,
        Boolean.TRUE.equals(cacheable),
        cacheTtlSeconds,
        outputMapping);
  }
}
