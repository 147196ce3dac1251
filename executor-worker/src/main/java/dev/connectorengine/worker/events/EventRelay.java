package dev.connectorengine.worker.events;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.messaging.Topics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One relay pass, in one transaction: takes the oldest events from the outbox (deleting them),
 * sends them to {@link Topics#EXECUTION_EVENTS} keyed by execution id, waits for the broker's
 * acknowledgements and only then commits. A pass that fails or dies before its commit leaves the
 * events in the outbox, and a later pass sends them again with the same ids: at least once.
 *
 * <p>It sends through a producer of its own that neither lingers (a pass waits for its acks, so
 * there is nothing to gain from waiting for more records) nor blocks longer than the send timeout.
 */
@Component
class EventRelay implements DisposableBean {

  private final EventOutbox outbox;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<String, String> kafka;
  private final EventRelaySettings settings;

  EventRelay(
      EventOutbox outbox,
      TransactionTemplate transactions,
      ProducerFactory<String, String> producers,
      EventRelaySettings settings) {
    this.outbox = outbox;
    this.transactions = transactions;
    this.settings = settings;
    this.kafka =
        new KafkaTemplate<>(
            producers,
            Map.of(
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                settings.sendTimeout().toMillis()));
  }

  /**
   * Relays up to {@code limit} events.
   *
   * @return how many were sent and removed from the outbox
   * @throws EventsNotSentException when the broker did not take them all in time; none is removed
   */
  int relayOnce(int limit) {
    Integer sent =
        transactions.execute(
            status -> {
              outbox.lock();
              var events = outbox.take(limit);
              CompletableFuture<?>[] sends = new CompletableFuture<?>[events.size()];
              for (int i = 0; i < sends.length; i++) {
                var event = events.get(i).event();
                try {
                  sends[i] =
                      kafka.send(
                          Topics.EXECUTION_EVENTS,
                          event.executionId().toString(),
                          ExecutionJson.mapper().writeValueAsString(event));
                } catch (RuntimeException e) {
                  throw new EventsNotSentException("the producer refused an event", e);
                }
              }
              awaitAcknowledged(CompletableFuture.allOf(sends));
              return events.size();
            });
    return sent == null ? 0 : sent;
  }

  private void awaitAcknowledged(CompletableFuture<Void> sends) {
    try {
      sends.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventsNotSentException("interrupted while waiting for the broker", e);
    } catch (ExecutionException e) {
      throw new EventsNotSentException("the broker refused an event", e.getCause());
    } catch (TimeoutException e) {
      throw new EventsNotSentException(
          "no acknowledgement from the broker within " + settings.sendTimeout(), e);
    }
  }

  /** Closes the relay's producer. */
  @Override
  public void destroy() {
    kafka.destroy();
  }

  /** A pass whose events did not all reach the broker: its transaction rolls back. */
  static final class EventsNotSentException extends RuntimeException {

    EventsNotSentException(String message, Throwable cause) {
      super(message + ": " + cause, cause);
    }
  }
}
