package dev.connectorengine.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One measured pass: takes CPU and commit counts, triggers, waits until every run is terminal,
 * takes them again and reads the figures from the runs' rows.
 */
final class Pass {

  // PostgreSQL backends publish their commit counts about once a second.
  private static final Duration STATS_FLUSH = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final BenchStack stack;
  private final RunQueries queries;
  private final Duration stallTimeout;

  Pass(BenchStack stack, RunQueries queries, Duration stallTimeout) {
    this.stack = stack;
    this.queries = queries;
    this.stallTimeout = stallTimeout;
  }

  /**
   * What a pass measured.
   *
   * @param trigger the client's view
   * @param figures the database's view
   * @param finished false when runs made no progress for the stall timeout
   * @param commits transactions committed in the system's database during the pass, read-only ones
   *     included
   * @param rowWrites rows inserted, updated or deleted per table during the pass
   * @param cpu who used how much CPU during the pass
   */
  record Result(
      TriggerReport trigger,
      PassFigures figures,
      boolean finished,
      long commits,
      Map<String, Long> rowWrites,
      List<String> cpu) {}

  Result measure(Seeded seeded, Supplier<TriggerReport> load) {
    // So the counters taken now include the tail of whatever ran before.
    pause(STATS_FLUSH);
    Map<String, List<Long>> processes = stack.processes(queries.backendPids());
    CpuSnapshot cpuBefore = CpuSnapshot.take(processes);
    long commitsBefore = queries.commits();
    Map<String, Long> writesBefore = queries.rowWrites();
    TriggerReport trigger = load.get();
    boolean finished = awaitTerminal(seeded);
    // Backends connected meanwhile (a pool growing) count too.
    CpuSnapshot cpuAfter = CpuSnapshot.take(stack.processes(queries.backendPids()));
    pause(STATS_FLUSH);
    long commits = queries.commits() - commitsBefore;
    Map<String, Long> writes = new java.util.LinkedHashMap<>();
    queries
        .rowWrites()
        .forEach(
            (table, count) -> {
              long delta = count - writesBefore.getOrDefault(table, 0L);
              if (delta > 0) {
                writes.put(table, delta);
              }
            });
    return new Result(
        trigger,
        queries.figures(seeded.workspaceId(), seeded.connectorId()),
        finished,
        commits,
        writes,
        cpuAfter.since(cpuBefore));
  }

  /** Waits (unmeasured) until the pass's runs are terminal. */
  boolean awaitTerminal(Seeded seeded) {
    long last = -1;
    long lastProgress = System.nanoTime();
    long lastPrinted = System.nanoTime();
    while (true) {
      long unfinished = queries.unfinished(seeded.workspaceId());
      if (unfinished == 0) {
        return true;
      }
      long now = System.nanoTime();
      if (unfinished != last) {
        last = unfinished;
        lastProgress = now;
      } else if (now - lastProgress > stallTimeout.toNanos()) {
        System.out.println(
            "  "
                + Fmt.count(unfinished)
                + " runs made no progress for "
                + stallTimeout.toSeconds()
                + " s: giving up on them (see the logs in "
                + stack.logs()
                + ")");
        return false;
      }
      if (now - lastPrinted > PROGRESS_EVERY.toNanos()) {
        System.out.println("  ... " + Fmt.count(unfinished) + " runs not finished yet");
        lastPrinted = now;
      }
      pause(POLL);
    }
  }

  /** The lines every pass prints. */
  static Report describe(Report report, Result result, String rateTarget) {
    TriggerReport trigger = result.trigger();
    PassFigures figures = result.figures();
    report.row(
        "runs triggered",
        Fmt.count(trigger.accepted())
            + " accepted, "
            + Fmt.count(trigger.failed())
            + " failed"
            + (trigger.behindSchedule() > 0
                ? ", " + Fmt.count(trigger.behindSchedule()) + " sent late (client saturated)"
                : "")
            + (trigger.retried() > 0
                ? ", "
                    + Fmt.count(trigger.retried())
                    + " calls answered 429 and sent again after their Retry-After"
                : ""));
    trigger.errors().forEach(error -> report.note("  failure: " + error));
    report.row(
        "trigger rate achieved", Fmt.rate(trigger.rate()) + " over " + Fmt.seconds(trigger.wall()));
    String answers = Fmt.percentiles(Percentiles.of(trigger.responseMillis(), 0.5, 0.95, 0.99));
    if (trigger.batched()) {
      report.row(
          "batch call answer",
          answers
              + "   ("
              + Fmt.count(trigger.responseMillis().length)
              + " calls of up to "
              + Fmt.count(trigger.batchSize())
              + " runs)");
    } else {
      report.row("trigger HTTP answer", answers);
    }
    report.row(
        "runs/s end to end",
        Fmt.rate(figures.endToEndRate())
            + " ("
            + Fmt.count(figures.runs())
            + " runs, first trigger to last finish "
            + Fmt.seconds(figures.endToEnd())
            + ")",
        rateTarget);
    return report;
  }

  static Report describeLatencies(Report report, Result result, String runningTarget) {
    PassFigures figures = result.figures();
    if (runningTarget == null) {
      report.row("trigger→running", Fmt.percentiles(figures.toRunning()));
    } else {
      report.row("trigger→running", Fmt.percentiles(figures.toRunning()), runningTarget);
    }
    report.row("trigger→finished", Fmt.percentiles(figures.toFinished()));
    return report;
  }

  static Report describeOutcome(Report report, Result result) {
    PassFigures figures = result.figures();
    StringBuilder statuses = new StringBuilder();
    figures
        .statuses()
        .forEach(
            (status, count) ->
                statuses.append(status).append(' ').append(Fmt.count(count)).append("  "));
    report.row("statuses", statuses.toString().strip());
    if (!result.finished()) {
      report.note("NOT all runs finished: the figures above cover the finished ones only");
    }
    report.row(
        "statistics",
        "total "
            + Fmt.count(figures.statsTotal())
            + ", successful "
            + Fmt.count(figures.statsSuccessful())
            + ", failed "
            + Fmt.count(figures.statsFailed())
            + (figures.statsConsistent()
                ? " (match the runs' statuses)"
                : " (DO NOT match the runs' statuses)"));
    double perRun = figures.runs() == 0 ? 0 : (double) result.commits() / figures.runs();
    double perSecond =
        figures.endToEnd().toMillis() <= 0
            ? 0
            : result.commits() * 1000.0 / figures.endToEnd().toMillis();
    report.row(
        "DB commits",
        Fmt.count(result.commits())
            + String.format(java.util.Locale.ROOT, " (%.1f per run, %,.0f/s)", perRun, perSecond));
    StringBuilder writes = new StringBuilder();
    result
        .rowWrites()
        .forEach(
            (table, count) -> {
              double share = figures.runs() == 0 ? 0.0 : (double) count / figures.runs();
              if (share >= 0.01) {
                writes.append(String.format(java.util.Locale.ROOT, "%s %.2f  ", table, share));
              }
            });
    report.row("row writes per run", writes.toString().strip());
    report.note("CPU during the pass (triggering to last finish):");
    result.cpu().forEach(line -> report.note("  " + line));
    return report;
  }

  static Report describeRss(Report report, Map<String, Long> peaks) {
    report.note("peak RSS (VmHWM, since each process started):");
    peaks.forEach((name, kib) -> report.note(String.format("  %-22s %s", name, Fmt.mib(kib))));
    return report;
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
