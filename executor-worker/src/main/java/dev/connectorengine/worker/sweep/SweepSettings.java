package dev.connectorengine.worker.sweep;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sweeper repairs what crashed workers and lost messages leave behind ({@code
 * connector-engine.worker.sweep.*}). Every worker runs one; an advisory lock lets one act at a
 * time.
 *
 * @param enabled whether this worker sweeps at all ({@code WORKER_SWEEP_ENABLED})
 * @param interval pause between two sweeps; with the liveness ttl it bounds how long a dead
 *     worker's runs wait ({@code WORKER_SWEEP_INTERVAL})
 * @param batchSize most rows one sweep changes per kind of repair ({@code WORKER_SWEEP_BATCH_SIZE})
 * @param maxAttempts how often a run's worker may be lost; the last time, the run ends {@code
 *     failed} with "worker lost" instead of going back to pending. Give-backs of a stopping worker
 *     do not count ({@code WORKER_MAX_ATTEMPTS})
 * @param republishAfter how long a run may stay pending untouched before its job is published again
 *     ({@code WORKER_REPUBLISH_AFTER})
 * @param overdueGrace how long past its deadline a running run is left to its own worker before the
 *     sweeper ends it as {@code timeout} ({@code WORKER_OVERDUE_GRACE})
 */
@ConfigurationProperties("connector-engine.worker.sweep")
record SweepSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1s") Duration interval,
    @DefaultValue("500") int batchSize,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("30s") Duration republishAfter,
    @DefaultValue("2s") Duration overdueGrace) {

  SweepSettings {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("connector-engine.worker.sweep.interval must be positive");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("connector-engine.worker.sweep.batch-size must be >= 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("connector-engine.worker.sweep.max-attempts must be >= 1");
    }
    if (republishAfter.isNegative() || overdueGrace.isNegative()) {
      throw new IllegalArgumentException(
          "connector-engine.worker.sweep.republish-after and overdue-grace must not be negative");
    }
  }
}
