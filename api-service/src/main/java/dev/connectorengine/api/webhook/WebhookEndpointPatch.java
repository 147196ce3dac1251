package dev.connectorengine.api.webhook;

import java.util.List;

/** {@code PATCH /api/v1/webhooks/{id}}: the fields given change, the others stay. */
record WebhookEndpointPatch(String url, List<String> events, Boolean enabled) {}
