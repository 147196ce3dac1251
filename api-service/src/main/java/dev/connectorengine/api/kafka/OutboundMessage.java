package dev.connectorengine.api.kafka;

/**
 * A Kafka message to send once the current transaction commits (and never if it rolls back).
 * Publish it with Spring's {@code ApplicationEventPublisher} inside the transaction.
 *
 * @param topic one of {@code Topics}
 * @param key the record key (the execution id)
 * @param value serialized as JSON
 */
public record OutboundMessage(String topic, String key, Object value) {}
