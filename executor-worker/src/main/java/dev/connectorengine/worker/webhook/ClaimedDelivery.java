package dev.connectorengine.worker.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this worker claimed: it alone may send it until {@code leaseUntil}, and its result
 * write is fenced on {@code claims}.
 *
 * @param endpointId the endpoint, or null for the run's callback URL
 * @param url where it goes: the endpoint's current URL, or the callback URL
 * @param endpointGone whether its endpoint was deleted meanwhile
 * @param createdAt when the run ended (the event's timestamp)
 * @param cycleStartedAt when this attempt cycle began; retries end a retry window after it
 * @param cycleAttempts attempts already made in this cycle
 */
record ClaimedDelivery(
    UUID id,
    UUID workspaceId,
    UUID executionId,
    UUID endpointId,
    String url,
    boolean endpointGone,
    String eventType,
    String messageId,
    int claims,
    Instant createdAt,
    Instant cycleStartedAt,
    int cycleAttempts) {}
