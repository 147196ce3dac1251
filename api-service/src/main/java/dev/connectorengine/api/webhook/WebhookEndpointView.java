package dev.connectorengine.api.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook endpoint as the API shows it.
 *
 * @param connectorId the one connector whose runs it gets, or null for all
 */
record WebhookEndpointView(
    UUID id,
    String url,
    List<String> events,
    UUID connectorId,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {}
