package dev.connectorengine.bench;

import dev.connectorengine.localstack.DemoTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The throughput mode: two workers against a fast fake API; a warm-up, then N runs as fast as the
 * system takes them (or at a set rate), then an open loop at half the rate reached, for latency.
 */
final class ThroughputPass {

  static final List<String> WORKERS = List.of("bench-worker-1", "bench-worker-2");

  private final BenchStack stack;
  private final BenchOptions options;
  private final Pass pass;

  ThroughputPass(BenchStack stack, BenchOptions options, Pass pass) {
    this.stack = stack;
    this.options = options;
    this.pass = pass;
  }

  void run() {
    DemoTarget fast = stack.target(Duration.ZERO);
    stack.startWorkers(WORKERS, Map.of());
    System.out.println("Workers " + WORKERS + " are up; fake API at " + fast.baseUrl());

    if (options.warmupRuns() > 0) {
      Seeded warmup = Seeded.seed(stack.admin(), fast, "bench-warmup");
      System.out.println("Warming up with " + Fmt.count(options.warmupRuns()) + " runs...");
      warmup.load().closedLoop(options.warmupRuns(), options.concurrency());
      pass.awaitTerminal(warmup);
    }

    Seeded seeded = Seeded.seed(stack.admin(), fast, "bench-throughput");
    String how =
        options.rate() > 0
            ? "open loop at " + Fmt.rate(options.rate())
            : options.concurrency() + " concurrent clients";
    System.out.println("Triggering " + Fmt.count(options.runs()) + " runs (" + how + ")...");
    Pass.Result result =
        pass.measure(
            seeded,
            () ->
                options.rate() > 0
                    ? seeded.load().openLoop(options.runs(), options.rate())
                    : seeded.load().closedLoop(options.runs(), options.concurrency()));
    Report report =
        new Report().title("throughput: " + Fmt.count(options.runs()) + " runs, " + how);
    Pass.describe(report, result, "≥ 1,500 runs/s");
    Pass.describeLatencies(report, result, null);
    Pass.describeOutcome(report, result);
    Pass.describeRss(report, stack.peakRss());
    System.out.println(report);

    if (options.halfRatePass()) {
      halfRate(fast, result.figures().endToEndRate());
    }
  }

  private void halfRate(DemoTarget fast, double measured) {
    double rate = options.halfRate() > 0 ? options.halfRate() : measured / 2;
    if (rate <= 0) {
      System.out.println("No end-to-end rate measured: skipping the half-rate pass.");
      return;
    }
    int runs = (int) Math.max(1, Math.round(rate * options.halfRateDuration().toSeconds()));
    Seeded seeded = Seeded.seed(stack.admin(), fast, "bench-half-rate");
    System.out.println(
        "Triggering "
            + Fmt.count(runs)
            + " runs at "
            + Fmt.rate(rate)
            + " (open loop, half the end-to-end rate)...");
    Pass.Result result = pass.measure(seeded, () -> seeded.load().openLoop(runs, rate));
    Report report =
        new Report()
            .title(
                "half rate: "
                    + Fmt.count(runs)
                    + " runs at "
                    + Fmt.rate(rate)
                    + " (open loop; the target is set at half of 1,500 runs/s)");
    Pass.describe(report, result, "= the trigger rate (open loop)");
    Pass.describeLatencies(report, result, "p99 < 50 ms");
    Pass.describeOutcome(report, result);
    System.out.println(report);
  }
}
