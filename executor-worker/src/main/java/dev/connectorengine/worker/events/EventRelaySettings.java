package dev.connectorengine.worker.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this worker relays status events from the outbox to the events topic ({@code
 * connector-engine.worker.events.*}).
 *
 * @param relay whether this worker relays at all; any one relaying worker carries every event
 *     ({@code WORKER_EVENTS_RELAY})
 * @param pollInterval how often the outbox is looked at for events written elsewhere (the API's
 *     cancels, other workers); this worker's own are sent as soon as they commit ({@code
 *     WORKER_EVENTS_POLL_INTERVAL})
 * @param batchSize most events taken, sent and deleted in one transaction ({@code
 *     WORKER_EVENTS_BATCH_SIZE})
 * @param sendTimeout how long a batch waits for the broker's acknowledgements before it is put back
 *     and sent again later; keep it below the database's idle-in-transaction timeout ({@code
 *     WORKER_EVENTS_SEND_TIMEOUT})
 * @param maxBackoff the longest pause between tries while the broker or the database is away
 *     ({@code WORKER_EVENTS_MAX_BACKOFF})
 */
@ConfigurationProperties("connector-engine.worker.events")
public record EventRelaySettings(
    @DefaultValue("true") boolean relay,
    @DefaultValue("200ms") Duration pollInterval,
    @DefaultValue("500") int batchSize,
    @DefaultValue("5s") Duration sendTimeout,
    @DefaultValue("5s") Duration maxBackoff) {

  public EventRelaySettings {
    if (!isPositive(pollInterval) || !isPositive(sendTimeout) || !isPositive(maxBackoff)) {
      throw new IllegalArgumentException(
          "connector-engine.worker.events poll-interval, send-timeout and max-backoff must be"
              + " positive");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("connector-engine.worker.events.batch-size must be >= 1");
    }
  }

  /** No relaying here, for contexts without a broker; events stay in the outbox. */
  public static EventRelaySettings off() {
    return new EventRelaySettings(
        false, Duration.ofMillis(200), 500, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  private static boolean isPositive(Duration duration) {
    return duration != null && duration.isPositive();
  }
}
