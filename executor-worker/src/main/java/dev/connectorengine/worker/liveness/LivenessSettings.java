package dev.connectorengine.worker.liveness;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a worker shows it is alive ({@code connector-engine.worker.liveness.*}).
 *
 * @param ttl how long one renewal keeps the worker alive in the database; a dead worker's runs are
 *     taken back about this long after its death ({@code WORKER_LIVENESS_TTL})
 * @param interval how often the worker renews it; at most a third of the ttl ({@code
 *     WORKER_LIVENESS_INTERVAL})
 */
@ConfigurationProperties("connector-engine.worker.liveness")
public record LivenessSettings(
    @DefaultValue("5s") Duration ttl, @DefaultValue("1s") Duration interval) {

  public LivenessSettings {
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "connector-engine.worker.liveness.ttl must be at least 1s");
    }
    if (interval.isNegative() || interval.isZero() || interval.multipliedBy(3).compareTo(ttl) > 0) {
      throw new IllegalArgumentException(
          "connector-engine.worker.liveness.interval must be positive and at most a third of the"
              + " ttl ("
              + ttl
              + ")");
    }
  }
}
