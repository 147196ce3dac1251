package dev.connectorengine.bench;

import dev.connectorengine.localstack.DemoTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The throughput and batch modes: two workers against a fast fake API. For each way of triggering
 * asked for (one run per call, then the batch call), a warm-up, then N runs as fast as the system
 * takes them; after the one-per-call pass, an open loop at half the rate reached, for latency.
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
    if (options.mode().throughput()) {
      onePerCall(fast);
    }
    if (options.mode().batch()) {
      batches(fast);
    }
  }

  private void onePerCall(DemoTarget fast) {
    Triggering triggering = new Triggering.OnePerCall(options.concurrency(), options.rate());
    // An open-loop pass warms up as a closed loop: as fast as the system takes it.
    Triggering warmup = new Triggering.OnePerCall(options.concurrency(), 0);
    Pass.Result result = warmUpAndMeasure(fast, "bench-throughput", warmup, triggering);
    Report report =
        new Report()
            .title("throughput: " + Fmt.count(options.runs()) + " runs, " + triggering.describe());
    Pass.describe(report, result, "≥ 1,500 runs/s");
    Pass.describeLatencies(report, result, null);
    Pass.describeOutcome(report, result);
    Pass.describeRss(report, stack.peakRss());
    System.out.println(report);

    if (options.halfRatePass()) {
      halfRate(fast, result.figures().endToEndRate());
    }
  }

  private void batches(DemoTarget fast) {
    BatchOptions batch = options.batch();
    Triggering triggering = new Triggering.Batches(batch.size(), batch.clients());
    Pass.Result result = warmUpAndMeasure(fast, "bench-batch", triggering, triggering);
    DbSchedulerTarget target = new DbSchedulerTarget(batch.referenceRunsPerSecond());
    Report report =
        new Report()
            .title("batch: " + Fmt.count(options.runs()) + " runs, " + triggering.describe());
    Pass.describe(report, result, target.target());
    target.describe(report, result.figures().endToEndRate());
    Pass.describeLatencies(report, result, null);
    Pass.describeOutcome(report, result);
    Pass.describeRss(report, stack.peakRss());
    System.out.println(report);
  }

  /** Warms the JITs up (unmeasured) on the code paths of the pass, then measures N runs. */
  private Pass.Result warmUpAndMeasure(
      DemoTarget fast, String name, Triggering warmup, Triggering triggering) {
    if (options.warmupRuns() > 0) {
      Seeded warmupSeed = Seeded.seed(stack.admin(), fast, name + "-warmup");
      System.out.println(
          "Warming up with "
              + Fmt.count(options.warmupRuns())
              + " runs ("
              + warmup.describe()
              + ")...");
      warmup.trigger(warmupSeed, options.warmupRuns());
      pass.awaitTerminal(warmupSeed);
    }
    Seeded seeded = Seeded.seed(stack.admin(), fast, name);
    System.out.println(
        "Triggering " + Fmt.count(options.runs()) + " runs (" + triggering.describe() + ")...");
    return pass.measure(seeded, () -> triggering.trigger(seeded, options.runs()));
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
