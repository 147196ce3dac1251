package dev.connectorengine.bench;

import java.util.Locale;

/**
 * The batch pass's target, "≥ 1.5× db-scheduler's runs/s", against a figure the user measured: the
 * bench cannot run db-scheduler itself.
 *
 * @param referenceRunsPerSecond db-scheduler's jobs/s on this machine; 0 when not given
 */
record DbSchedulerTarget(double referenceRunsPerSecond) {

  static final double FACTOR = 1.5;

  /** How the reference is measured: the peer runner, with this pass's runs and 10 threads. */
  static final String PEER_COMMAND = "../shared/peers/run.sh dbscheduler 20000 10 0";

  /** The target beside the runs/s. */
  String target() {
    return referenceRunsPerSecond > 0
        ? "≥ "
            + Fmt.rate(FACTOR * referenceRunsPerSecond)
            + " (1.5× db-scheduler's "
            + Fmt.rate(referenceRunsPerSecond)
            + ")"
        : "≥ 1.5× db-scheduler's runs/s";
  }

  /** The measured rate as a ratio to the reference, or how to get one. */
  Report describe(Report report, double measuredRunsPerSecond) {
    if (referenceRunsPerSecond > 0) {
      return report.row(
          "vs db-scheduler",
          String.format(
              Locale.ROOT,
              "%.2f× its %s",
              measuredRunsPerSecond / referenceRunsPerSecond,
              Fmt.rate(referenceRunsPerSecond)),
          "≥ 1.5×");
    }
    return report.note(
        "db-scheduler's runs/s not given: run "
            + PEER_COMMAND
            + " on this machine and pass its jobs_per_s as --reference-runs-per-s");
  }
}
