package dev.connectorengine.bench;

import java.time.Duration;
import java.util.List;

/**
 * How the triggering of one pass went, as the client saw it.
 *
 * @param accepted triggers answered 202
 * @param failed triggers answered otherwise or not at all
 * @param errors a few of the failures, for the report
 * @param wall first request sent to last answer received
 * @param responseMillis each accepted trigger's response time
 * @param behindSchedule open loop only: triggers sent late because the client was saturated
 */
record TriggerReport(
    int accepted,
    int failed,
    List<String> errors,
    Duration wall,
    double[] responseMillis,
    int behindSchedule) {

  /** Accepted triggers per second of triggering. */
  double rate() {
    long millis = wall.toMillis();
    return millis <= 0 ? 0 : accepted * 1000.0 / millis;
  }
}
