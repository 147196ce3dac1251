package dev.connectorengine.api.kafka;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends {@link OutboundMessage}s after their transaction commits, on a virtual thread, so a request
 * never waits on the broker (not even when the producer blocks for metadata with the broker away).
 * A failed send is logged; the row it announces is already committed as pending, and the worker's
 * sweeper republishes pending rows whose job went missing. The messages of {@link OutboundMessages}
 * go one after another on one virtual thread: a send only hands the record to the producer, which
 * batches them, and nothing waits for the broker's acknowledgements.
 */
@Component
class AfterCommitSender implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AfterCommitSender.class);

  private final KafkaTemplate<String, String> kafka;
  private final JsonMapper json;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  AfterCommitSender(KafkaTemplate<String, String> kafka, JsonMapper json) {
    this.kafka = kafka;
    this.json = json;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void afterCommit(OutboundMessage message) {
    String value = json.writeValueAsString(message.value());
    executor.execute(() -> send(message, value));
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void afterCommit(OutboundMessages batch) {
    List<String> values =
        batch.messages().stream().map(m -> json.writeValueAsString(m.value())).toList();
    executor.execute(() -> sendAll(batch.messages(), values));
  }

  private void sendAll(List<OutboundMessage> messages, List<String> values) {
    for (int i = 0; i < messages.size(); i++) {
      if (!send(messages.get(i), values.get(i))) {
        // The producer could not even take it (the broker is away): each further send would wait
        // as long again, so the rest is left to the sweeper too.
        log.warn(
            "{} more messages of the same batch left unsent; the sweeper will republish them",
            messages.size() - i - 1);
        return;
      }
    }
  }

  /** Hands the message to the producer; false when that failed at once. */
  private boolean send(OutboundMessage message, String value) {
    try {
      kafka
          .send(message.topic(), message.key(), value)
          .whenComplete(
              (result, failure) -> {
                if (failure != null) {
                  logFailure(message, failure);
                }
              });
      return true;
    } catch (RuntimeException e) {
      logFailure(message, e);
      return false;
    }
  }

  private static void logFailure(OutboundMessage message, Throwable failure) {
    log.warn(
        "could not publish to {} for key {}; the sweeper will republish it: {}",
        message.topic(),
        message.key(),
        failure.toString());
  }

  @Override
  public void destroy() {
    executor.close(); // lets queued sends reach the producer before it closes
  }
}
