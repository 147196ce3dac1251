package dev.connectorengine.worker.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The control pool ({@code connector-engine.worker.control-pool.*}): the same database, login and
 * session settings as the main pool, with its own connections.
 *
 * @param size connections in the control pool ({@code WORKER_CONTROL_POOL_SIZE})
 * @param statementTimeout how long PostgreSQL lets a control statement run ({@code
 *     WORKER_CONTROL_STATEMENT_TIMEOUT}); its statements take milliseconds
 * @param idleInTransactionTimeout how long PostgreSQL keeps a control session idle inside a
 *     transaction ({@code WORKER_CONTROL_IDLE_IN_TRANSACTION_TIMEOUT}): a worker cut off while it
 *     held the sweep lock holds it no longer than this
 * @param socketTimeout how long a control statement may wait on the network before its connection
 *     is given up ({@code WORKER_CONTROL_SOCKET_TIMEOUT}); above the statement timeout
 */
@ConfigurationProperties("connector-engine.worker.control-pool")
public record ControlPoolSettings(
    @DefaultValue("4") int size,
    @DefaultValue("5s") Duration statementTimeout,
    @DefaultValue("2s") Duration idleInTransactionTimeout,
    @DefaultValue("10s") Duration socketTimeout) {

  public ControlPoolSettings {
    if (size < 2) {
      throw new IllegalArgumentException(
          "connector-engine.worker.control-pool.size must be >= 2 (liveness and sweeps run at once)");
    }
    if (statementTimeout.toMillis() < 1 || idleInTransactionTimeout.toMillis() < 1) {
      throw new IllegalArgumentException(
          "connector-engine.worker.control-pool.statement-timeout and"
              + " idle-in-transaction-timeout must be positive");
    }
    if (socketTimeout.compareTo(statementTimeout) <= 0 || socketTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "connector-engine.worker.control-pool.socket-timeout must be at least 1s and longer than"
              + " the statement timeout");
    }
  }
}
