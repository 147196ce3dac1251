package dev.connectorengine.bench;

import java.time.Duration;
import java.util.List;

/**
 * How the triggering of one pass went, as the client saw it.
 *
 * @param accepted runs the API accepted (answered 202)
 * @param failed runs answered otherwise or not at all
 * @param errors a few of the failures, for the report
 * @param wall first request sent to last answer received
 * @param responseMillis each accepted call's response time
 * @param behindSchedule open loop only: triggers sent late because the client was saturated
 * @param batchSize runs per batch call (the last may carry fewer); 0 for single triggers
 * @param retried calls answered 429 and sent again after their Retry-After
 */
record TriggerReport(
    int accepted,
    int failed,
    List<String> errors,
    Duration wall,
    double[] responseMillis,
    int behindSchedule,
    int batchSize,
    int retried) {

  /** Accepted runs per second of triggering. */
  double rate() {
    long millis = wall.toMillis();
    return millis <= 0 ? 0 : accepted * 1000.0 / millis;
  }

  /** Whether the runs went through the batch call. */
  boolean batched() {
    return batchSize > 0;
  }
}
