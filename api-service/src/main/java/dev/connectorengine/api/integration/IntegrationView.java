package dev.connectorengine.api.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An integration as the API shows it.
 *
 * @param actionCount how many actions it has
 */
record IntegrationView(
    UUID id,
    String slug,
    String name,
    String displayName,
    String description,
    String baseUrl,
    String documentationUrl,
    String authType,
    String credential,
    String status,
    List<String> tags,
    JsonNode metadata,
    long actionCount,
    Instant createdAt,
    Instant updatedAt) {}
