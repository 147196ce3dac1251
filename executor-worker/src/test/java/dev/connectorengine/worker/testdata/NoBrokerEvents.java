package dev.connectorengine.worker.testdata;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** For contexts without a broker: events go to a {@link RecordedEvents}, not to Kafka. */
@TestConfiguration(proxyBeanMethods = false)
public class NoBrokerEvents {

  @Bean
  @Primary
  RecordedEvents recordedEvents() {
    return new RecordedEvents();
  }
}
