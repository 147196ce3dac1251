package dev.connectorengine.worker.run;

import dev.connectorengine.model.outbound.AllowedTargets;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.TargetGuard;
import dev.connectorengine.model.outbound.TargetResolver;
import dev.connectorengine.worker.WorkerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's outgoing HTTP: one guarded client for step requests and token endpoints alike, its
 * SSRF guard set by {@link TargetSettings} and resolving with the JVM's DNS, as the client would.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

  private static final Logger log = LoggerFactory.getLogger(OutboundConfiguration.class);

  @Bean
  TargetResolver targetResolver() {
    return TargetResolver.system();
  }

  // Closed with the context (AutoCloseable): in-flight calls are aborted.
  @Bean
  GuardedHttpClient guardedHttpClient(
      WorkerSettings worker, TargetSettings targets, TargetResolver resolver) {
    AllowedTargets allowed =
        AllowedTargets.of(
            targets.allowPrivateTargets(),
            targets.allowedTargets(),
            "connector-engine.worker.allowed-targets");
    if (allowed.everything()) {
      log.warn(
          "SSRF guard is open: step requests may reach loopback, private and metadata addresses"
              + " (connector-engine.worker.allow-private-targets=true); never in production");
    }
    return new GuardedHttpClient(
        worker.connectTimeout(), new TargetGuard(resolver, allowed), targets.maxResponseBytes());
  }

  @Bean
  StepHttpClient stepHttpClient(GuardedHttpClient http) {
    return new StepHttpClient(http);
  }
}
