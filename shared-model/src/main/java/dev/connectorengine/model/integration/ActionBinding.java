package dev.connectorengine.model.integration;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What a connector version keeps of the action a step uses, besides the request, credential and
 * retry already filled into the step when it was saved: set by the platform, never by a client.
 *
 * @param integrationId the integration's id
 * @param integration the integration's slug, for request logs
 * @param baseUrl the integration's base URL: a rendered request must stay on its scheme, host and
 *     port
 * @param actionId the action's id, for the answer cache
 * @param action the action's slug, for request logs
 * @param actionVersion the action's version the step was resolved from: a cached answer of another
 *     version is not reused
 * @param inputSchema JSON Schema of the action's input, checked on the rendered input; or null
 * @param outputSchema JSON Schema of the answer's body; or null
 * @param pagination how to fetch further pages, or null
 * @param cacheTtlSeconds how long a successful answer is reused for the same input, or null for not
 *     cached
 * @param outputMapping builds the step's output from {@code input} and {@code response}, or null
 *     for the whole body
 */
public record ActionBinding(
    UUID integrationId,
    String integration,
    String baseUrl,
    UUID actionId,
    String action,
    int actionVersion,
    JsonNode inputSchema,
    JsonNode outputSchema,
    PaginationSpec pagination,
    Integer cacheTtlSeconds,
    JsonNode outputMapping) {}
