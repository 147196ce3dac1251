package dev.connectorengine.api.kafka;

import java.util.List;

/**
 * Kafka messages to send, in this order, once the current transaction commits (and never if it
 * rolls back): the jobs of a batch, handed to the producer one after another without waiting on the
 * broker for each. Publish it with Spring's {@code ApplicationEventPublisher} inside the
 * transaction.
 *
 * @param messages what to send
 */
public record OutboundMessages(List<OutboundMessage> messages) {

  public OutboundMessages {
    messages = List.copyOf(messages);
  }
}
