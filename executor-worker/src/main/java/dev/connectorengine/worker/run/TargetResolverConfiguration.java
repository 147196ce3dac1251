package dev.connectorengine.worker.run;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The resolver the SSRF guard checks with: the JVM's, so it sees what the client would. */
@Configuration(proxyBeanMethods = false)
class TargetResolverConfiguration {

  @Bean
  TargetResolver targetResolver() {
    return TargetResolver.system();
  }
}
