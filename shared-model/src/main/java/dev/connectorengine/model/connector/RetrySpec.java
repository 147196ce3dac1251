package dev.connectorengine.model.connector;

/**
 * A step's retry override.
 *
 * @param maxRetries retries after the first attempt
 * @param initialBackoffMs first backoff, doubled each retry (with jitter); null for the default
 * @param maxBackoffMs cap of one backoff; null for the default
 */
public record RetrySpec(Integer maxRetries, Long initialBackoffMs, Long maxBackoffMs) {}
