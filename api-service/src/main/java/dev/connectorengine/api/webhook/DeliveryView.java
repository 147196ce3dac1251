package dev.connectorengine.api.webhook;

import dev.connectorengine.model.webhook.DeliveryAttempt;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook delivery as {@code GET /api/v1/executions/{id}/deliveries} shows it.
 *
 * @param endpointId the endpoint it goes to, or null for the run's callback URL
 * @param callback whether it goes to the run's callback URL
 * @param webhookId the {@code webhook-id} header, the same on every attempt
 * @param status pending, delivered or failed
 * @param nextAttemptAt when it is tried next; null once it is over
 */
record DeliveryView(
    UUID id,
    UUID executionId,
    UUID endpointId,
    boolean callback,
    String url,
    String eventType,
    String webhookId,
    String status,
    List<DeliveryAttempt> attempts,
    Instant nextAttemptAt,
    Instant createdAt) {}
