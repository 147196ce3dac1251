package dev.connectorengine.worker.hostrate;

import dev.connectorengine.worker.metrics.WorkerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The host rate limiters, on the system's monotonic clock and the live workers' count. */
@Configuration(proxyBeanMethods = false)
class HostRateConfiguration {

  private static final Logger log = LoggerFactory.getLogger(HostRateConfiguration.class);

  @Bean
  HostRateLimiters hostRateLimiters(
      HostRateSettings settings, WorkerShare share, WorkerMetrics metrics) {
    if (settings.limitsAny()) {
      log.info(
          "outgoing calls limited per host, across all workers: {} (requests per second), other"
              + " hosts {}",
          settings.rates(),
          settings.defaultHostRate() == null ? "not limited" : settings.defaultHostRate());
    }
    return new HostRateLimiters(settings, share::liveWorkers, metrics, System::nanoTime);
  }
}
