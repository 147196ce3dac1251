package dev.connectorengine.api.execution;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Triggering and waiting ({@code connector-engine.executions.*}).
 *
 * @param idempotencyKeyTtl how long an Idempotency-Key names its execution ({@code
 *     IDEMPOTENCY_KEY_TTL}); after that the key may be used again for a new execution
 * @param maxWaiters calls of this instance that may wait for a result ({@code ?wait=}) at once
 *     ({@code EXECUTION_MAX_WAITERS}); one more is answered 202 at once; 0 turns waiting off
 */
@ConfigurationProperties("connector-engine.executions")
record ExecutionSettings(
    @DefaultValue("24h") Duration idempotencyKeyTtl, @DefaultValue("1000") int maxWaiters) {

  ExecutionSettings {
    if (idempotencyKeyTtl.isNegative() || idempotencyKeyTtl.isZero()) {
      throw new IllegalArgumentException(
          "connector-engine.executions.idempotency-key-ttl must be positive");
    }
    if (maxWaiters < 0) {
      throw new IllegalArgumentException("connector-engine.executions.max-waiters must be >= 0");
    }
  }
}
