package dev.connectorengine.bench;

import dev.connectorengine.localstack.ServiceProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The options of a bench as printed before its figures, one line per pass. */
final class OptionsDescription {

  private OptionsDescription() {}

  static List<String> lines(BenchOptions options) {
    List<String> lines = new ArrayList<>();
    lines.add("mode " + options.mode().name().toLowerCase(Locale.ROOT));
    if (options.mode().throughput()) {
      lines.add(
          "throughput: "
              + Fmt.count(options.runs())
              + " runs, "
              + (options.rate() > 0
                  ? "open loop at " + Fmt.rate(options.rate())
                  : options.concurrency() + " concurrent clients")
              + ", warm-up "
              + Fmt.count(options.warmupRuns())
              + " runs");
      lines.add(halfRate(options));
    }
    if (options.mode().batch()) {
      lines.add(batch(options));
    }
    if (options.mode().inflight()) {
      lines.add(
          "in-flight: "
              + Fmt.rate(options.inflightRate())
              + " for "
              + options.inflightDuration().toSeconds()
              + " s, "
              + options.inflightDelay().toMillis()
              + " ms per call, WORKER_MAX_IN_FLIGHT="
              + options.inflightLimit()
              + (options.inflightPreload() ? ", runs triggered before the worker starts" : ""));
    }
    List<String> flags = new ArrayList<>(ServiceProcess.SERVICE_JVM_FLAGS);
    flags.addAll(options.serviceJvmArgs());
    lines.add(
        String.join(" ", flags) + " for the API and workers; the API's per-key rate limit off");
    return lines;
  }

  private static String halfRate(BenchOptions options) {
    if (!options.halfRatePass()) {
      return "half-rate pass: off";
    }
    return "half-rate pass: "
        + (options.halfRate() > 0
            ? Fmt.rate(options.halfRate())
            : "half the measured end-to-end rate")
        + " for "
        + options.halfRateDuration().toSeconds()
        + " s";
  }

  private static String batch(BenchOptions options) {
    BatchOptions batch = options.batch();
    return "batch: "
        + Fmt.count(options.runs())
        + " runs in calls of "
        + Fmt.count(batch.size())
        + " from "
        + batch.clients()
        + " concurrent clients, warm-up "
        + Fmt.count(options.warmupRuns())
        + " runs; db-scheduler reference "
        + (batch.referenceRunsPerSecond() > 0
            ? Fmt.rate(batch.referenceRunsPerSecond())
            : "not given");
  }
}
