package dev.connectorengine.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this worker runs executions ({@code connector-engine.worker.*}).
 *
 * @param id this worker's name; each life of the process claims as {@code <id>-<random>}, so a
 *     restarted worker never passes for its dead predecessor; default the host name ({@code
 *     WORKER_ID})
 * @param maxInFlight runs this worker holds at once; consumption pauses at it ({@code
 *     WORKER_MAX_IN_FLIGHT})
 * @param lease how long a claim stays valid without renewal ({@code WORKER_LEASE})
 * @param heartbeatInterval how often the leases of all in-flight runs are renewed; default a third
 *     of the lease ({@code WORKER_HEARTBEAT_INTERVAL})
 * @param cancelPollInterval how often this worker looks for cancellations of its running runs
 *     ({@code WORKER_CANCEL_POLL_INTERVAL})
 * @param connectTimeout TCP/TLS connect timeout of outgoing step calls
 * @param errorExcerptChars how much of a failing response body an error message quotes
 * @param connectorCacheSize connector versions kept in memory (they are immutable)
 * @param shutdownGrace how long shutdown lets in-flight runs finish before giving the rest back
 *     ({@code WORKER_SHUTDOWN_GRACE})
 * @param maxClaims claims a run gets, whatever ended the ones before (given back, worker lost);
 *     claimed once more, it ends {@code failed} instead of running ({@code WORKER_MAX_CLAIMS})
 */
@ConfigurationProperties("connector-engine.worker")
public record WorkerSettings(
    String id,
    @DefaultValue("1000") int maxInFlight,
    @DefaultValue("60s") Duration lease,
    Duration heartbeatInterval,
    @DefaultValue("500ms") Duration cancelPollInterval,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("300") int errorExcerptChars,
    @DefaultValue("10000") int connectorCacheSize,
    @DefaultValue("30s") Duration shutdownGrace,
    @DefaultValue("10") int maxClaims) {

  public WorkerSettings {
    id = id == null || id.isBlank() ? defaultId() : id.strip();
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("connector-engine.worker.max-in-flight must be >= 1");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("connector-engine.worker.lease must be at least 1s");
    }
    heartbeatInterval = heartbeatInterval == null ? lease.dividedBy(3) : heartbeatInterval;
    if (heartbeatInterval.isNegative()
        || heartbeatInterval.isZero()
        || heartbeatInterval.compareTo(lease) >= 0) {
      throw new IllegalArgumentException(
          "connector-engine.worker.heartbeat-interval must be positive and shorter than the lease");
    }
    if (maxClaims < 1) {
      throw new IllegalArgumentException("connector-engine.worker.max-claims must be >= 1");
    }
    if (cancelPollInterval.isNegative() || cancelPollInterval.isZero()) {
      throw new IllegalArgumentException(
          "connector-engine.worker.cancel-poll-interval must be positive");
    }
  }

  /** Settings with defaults for everything but the id and the lease; for tests and tools. */
  public static WorkerSettings of(String id, Duration lease) {
    return new WorkerSettings(
        id,
        1000,
        lease,
        null,
        Duration.ofMillis(500),
        Duration.ofSeconds(5),
        300,
        10_000,
        Duration.ofSeconds(30),
        10);
  }

  private static String defaultId() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "worker";
    }
  }
}
