package dev.connectorengine.api.webhook;

import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/webhooks}.
 *
 * @param url where deliveries go: absolute http(s)
 * @param events the event types wanted, e.g. {@code execution.succeeded}
 * @param connectorId only the runs of this connector, or null for every connector
 */
record WebhookEndpointRequest(String url, List<String> events, UUID connectorId) {}
