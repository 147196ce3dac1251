package dev.connectorengine.worker.testdata;

import dev.connectorengine.worker.events.EventRelaySettings;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For contexts without a broker: no event relay, so status events stay in the outbox, where an
 * {@link OutboxEvents} bean reads them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NoBrokerEvents {

  @Bean
  @Primary
  EventRelaySettings noEventRelay() {
    return EventRelaySettings.off();
  }

  @Bean
  @Primary
  OutboxEvents outboxEvents(@Owner JdbcClient owner) {
    return new OutboxEvents(owner);
  }
}
