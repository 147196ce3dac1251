package dev.connectorengine.worker.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The control pool ({@code connector-engine.worker.control-pool.*}): the same database, login and
 * session settings as the main pool, with its own connections.
 *
 * @param size connections in the control pool ({@code WORKER_CONTROL_POOL_SIZE})
 * @param socketTimeout how long a control statement may wait on the network before its connection
 *     is given up ({@code WORKER_CONTROL_SOCKET_TIMEOUT}); short, as its statements are tiny
 */
@ConfigurationProperties("connector-engine.worker.control-pool")
public record ControlPoolSettings(
    @DefaultValue("4") int size, @DefaultValue("10s") Duration socketTimeout) {

  public ControlPoolSettings {
    if (size < 2) {
      throw new IllegalArgumentException(
          "connector-engine.worker.control-pool.size must be >= 2 (liveness and sweeps run at once)");
    }
    if (socketTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "connector-engine.worker.control-pool.socket-timeout must be at least 1s");
    }
  }
}
