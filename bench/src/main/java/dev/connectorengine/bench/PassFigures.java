package dev.connectorengine.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the database says about the runs of one pass (one workspace).
 *
 * @param runs rows of the pass
 * @param statuses rows per status
 * @param firstCreated the earliest {@code created_at}
 * @param lastFinished the latest {@code finished_at}
 * @param toRunning trigger→running (created_at→started_at) p50, p95, p99 in ms
 * @param toFinished trigger→finished (created_at→finished_at) p50, p95, p99 in ms
 * @param statsTotal the connector's summed statistics: total executions
 * @param statsSuccessful successful executions
 * @param statsFailed failed executions
 */
record PassFigures(
    long runs,
    Map<String, Long> statuses,
    Instant firstCreated,
    Instant lastFinished,
    double[] toRunning,
    double[] toFinished,
    long statsTotal,
    long statsSuccessful,
    long statsFailed) {

  /** First trigger to last finish. */
  Duration endToEnd() {
    return firstCreated == null || lastFinished == null
        ? Duration.ZERO
        : Duration.between(firstCreated, lastFinished);
  }

  /** Runs per second from the first trigger to the last finish. */
  double endToEndRate() {
    long millis = endToEnd().toMillis();
    return millis <= 0 ? 0 : runs * 1000.0 / millis;
  }

  long terminal() {
    return statuses.entrySet().stream()
        .filter(e -> !e.getKey().equals("pending") && !e.getKey().equals("running"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Whether the statistics count each running→terminal transition once (none cancelled here). */
  boolean statsConsistent() {
    long success = statuses.getOrDefault("success", 0L);
    long failed = statuses.getOrDefault("failed", 0L) + statuses.getOrDefault("timeout", 0L);
    long cancelled = statuses.getOrDefault("cancelled", 0L);
    return statsSuccessful == success
        && statsFailed == failed
        && statsTotal == success + failed + cancelled;
  }
}
