package dev.connectorengine.model.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One attempt to send a webhook delivery, as {@code webhook_deliveries.attempts} keeps it (a JSON
 * array, oldest first) and the API shows it.
 *
 * @param at when the attempt started
 * @param httpStatus the receiver's status, or null when no answer came
 * @param latencyMs from sending to the answer (or the failure)
 * @param error why the attempt did not deliver, or null when it did
 * @param response the first bytes of the answer's body as text, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeliveryAttempt(
    Instant at, Integer httpStatus, long latencyMs, String error, String response) {}
