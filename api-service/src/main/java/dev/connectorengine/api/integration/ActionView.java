package dev.connectorengine.api.integration;

import dev.connectorengine.model.connector.RetrySpec;
import dev.connectorengine.model.integration.ActionSpec;
import dev.connectorengine.model.integration.PaginationSpec;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An action as the API shows it: its catalogue fields and its spec's, at the top level.
 *
 * @param integration the integration's slug
 * @param version 1 when created, one more on every replace
 */
record ActionView(
    UUID id,
    String integration,
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
    boolean cacheable,
    Integer cacheTtlSeconds,
    JsonNode outputMapping,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  static ActionView of(ActionRow row) {
    ActionSpec spec = row.spec();
    return new ActionView(
        row.id(),
        row.integration(),
        row.slug(),
        row.name(),
        row.description(),
        row.metadata(),
        spec.method(),
        spec.endpointTemplate(),
        spec.headers(),
        spec.query(),
        spec.body(),
        spec.inputSchema(),
        spec.outputSchema(),
        spec.pagination(),
        spec.retry(),
        spec.cacheable(),
        spec.cacheTtlSeconds(),
        spec.outputMapping(),
        row.version(),
        row.createdAt(),
        row.updatedAt());
  }

  /** An action's row, its spec parsed. */
  record ActionRow(
      UUID id,
      String integration,
      String slug,
      String name,
      String description,
      JsonNode metadata,
      ActionSpec spec,
      int version,
      Instant createdAt,
      Instant updatedAt) {}
}
