package dev.connectorengine.worker;

import dev.connectorengine.worker.liveness.DatabaseClock;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Beans every feature shares. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

  /** This host's wall clock; only the {@link DatabaseClock} reads it. */
  @Bean
  Clock localClock() {
    return Clock.systemUTC();
  }

  /** The clock every decision and every written time uses: the database's. */
  @Bean
  @Primary
  DatabaseClock databaseClock(@Qualifier("localClock") Clock localClock) {
    return new DatabaseClock(localClock);
  }
}
