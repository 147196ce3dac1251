package dev.connectorengine.worker;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every feature shares. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
