package dev.connectorengine.worker.run;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which targets the SSRF guard lets step requests reach beyond public addresses ({@code
 * connector-engine.worker.*}).
 *
 * @param allowPrivateTargets let every address through, loopback, private and metadata included;
 *     for tests and local runs only ({@code CONNECTOR_ENGINE_ALLOW_PRIVATE_TARGETS}, default false)
 * @param allowedTargets host names and CIDR ranges let through although their addresses are not
 *     public ({@code CONNECTOR_ENGINE_ALLOWED_TARGETS}, comma-separated, default none)
 */
@ConfigurationProperties("connector-engine.worker")
record TargetSettings(
    @DefaultValue("false") boolean allowPrivateTargets, @DefaultValue List<String> allowedTargets) {

  TargetSettings {
    allowedTargets = allowedTargets == null ? List.of() : List.copyOf(allowedTargets);
  }
}
