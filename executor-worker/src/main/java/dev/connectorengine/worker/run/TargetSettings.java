package dev.connectorengine.worker.run;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which targets the SSRF guard lets step requests reach beyond public addresses, and how much of an
 * answer the worker reads ({@code connector-engine.worker.*}).
 *
 * @param allowPrivateTargets let every address through, loopback, private and metadata included;
 *     for tests and local runs only ({@code CONNECTOR_ENGINE_ALLOW_PRIVATE_TARGETS}, default false)
 * @param allowedTargets host names and CIDR ranges let through although their addresses are not
 *     public ({@code CONNECTOR_ENGINE_ALLOWED_TARGETS}, comma-separated, default none)
 * @param maxResponseBytes the most body bytes a target's answer (or a token endpoint's) may have; a
 *     larger one fails the step unread, not retried ({@code WORKER_MAX_RESPONSE_BYTES}, default 10
 *     MiB)
 */
@ConfigurationProperties("connector-engine.worker")
record TargetSettings(
    @DefaultValue("false") boolean allowPrivateTargets,
    @DefaultValue List<String> allowedTargets,
    @DefaultValue("10485760") long maxResponseBytes) {

  TargetSettings {
    allowedTargets = allowedTargets == null ? List.of() : List.copyOf(allowedTargets);
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException(
          "connector-engine.worker.max-response-bytes must be positive: " + maxResponseBytes);
    }
  }
}
