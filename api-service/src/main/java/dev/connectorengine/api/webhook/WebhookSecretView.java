package dev.connectorengine.api.webhook;

/**
 * The signing secret, answered only by the secret calls.
 *
 * @param secret {@code whsec_} and the base64 of the 32-byte HMAC key
 */
record WebhookSecretView(String secret) {}
