package dev.connectorengine.bench;

import dev.connectorengine.localstack.DemoTarget;
import dev.connectorengine.localstack.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The fairness mode: two workers against a fast fake API. Workspace B's runs are measured on the
 * idle system; workspace A's N runs are measured alone; then A triggers its N runs again and, once
 * all are accepted and waiting, B triggers its runs. Prints B's trigger→finished p99 behind A's
 * backlog beside the idle one (target: within 2×) and A's time with B beside A alone (target:
 * within +10%).
 */
final class FairnessPass {

  private static final int B_RUNS = 100;
  private static final double B_RATE = 50;
  private static final int WARM_SINGLE_TRIGGERS = 500;

  private final BenchStack stack;
  private final BenchOptions options;
  private final Pass pass;
  private final RunQueries queries;
  private final Triggering backlog;
  private final Triggering steady = new Triggering.OnePerCall(1, B_RATE);

  FairnessPass(BenchStack stack, BenchOptions options, Pass pass, RunQueries queries) {
    this.stack = stack;
    this.options = options;
    this.pass = pass;
    this.queries = queries;
    this.backlog = new Triggering.Batches(options.batch().size(), options.batch().clients());
  }

  void run() {
    DemoTarget fast = stack.target(Duration.ZERO);
    List<ServiceProcess> workers = stack.startWorkers(ThroughputPass.WORKERS, Map.of());
    System.out.println(
        "Workers " + ThroughputPass.WORKERS + " are up; fake API at " + fast.baseUrl());
    if (options.warmupRuns() > 0) {
      Seeded warmup = Seeded.seed(stack.admin(), fast, "bench-fair-warmup");
      System.out.println("Warming up with " + Fmt.count(options.warmupRuns()) + " runs...");
      backlog.trigger(warmup, options.warmupRuns());
      // B triggers one run per call: warm that path too, or B alone would pay for its JIT.
      steady.trigger(warmup, WARM_SINGLE_TRIGGERS);
      pass.awaitTerminal(warmup);
    }
    int runs = options.runs();

    Seeded idleB = Seeded.seed(stack.admin(), fast, "bench-fair-b-idle");
    System.out.println("B alone: " + B_RUNS + " runs, " + steady.describe() + "...");
    JobDelivery beforeB = JobDelivery.read(workers);
    PassFigures bAlone = pass.measure(idleB, () -> steady.trigger(idleB, B_RUNS)).figures();
    double bAloneDelivery = JobDelivery.read(workers).meanMillisSince(beforeB);

    Seeded aloneA = Seeded.seed(stack.admin(), fast, "bench-fair-a-alone");
    System.out.println("A alone: " + Fmt.count(runs) + " runs, " + backlog.describe() + "...");
    PassFigures aAlone = pass.measure(aloneA, () -> backlog.trigger(aloneA, runs)).figures();

    Seeded a = Seeded.seed(stack.admin(), fast, "bench-fair-a");
    Seeded b = Seeded.seed(stack.admin(), fast, "bench-fair-b");
    System.out.println(
        "A then B: A triggers "
            + Fmt.count(runs)
            + " runs; once all are accepted, B triggers "
            + B_RUNS
            + "...");
    backlog.trigger(a, runs);
    System.out.println(
        "  A's runs accepted; " + Fmt.count(queries.unfinished(a.workspaceId())) + " unfinished");
    CompletableFuture<Boolean> aDone = CompletableFuture.supplyAsync(() -> pass.awaitTerminal(a));
    JobDelivery beforeBehindA = JobDelivery.read(workers);
    steady.trigger(b, B_RUNS);
    pass.awaitTerminal(b);
    double bBehindADelivery = JobDelivery.read(workers).meanMillisSince(beforeBehindA);
    PassFigures bBehindA = queries.figures(b.workspaceId(), b.connectorId());
    aDone.join();
    PassFigures aWithB = queries.figures(a.workspaceId(), a.connectorId());

    System.out.println(
        report(runs, bAlone, bBehindA, aAlone, aWithB)
            .row(
                "B's jobs, publication→read",
                "mean "
                    + Fmt.millis(bAloneDelivery)
                    + " alone, "
                    + Fmt.millis(bBehindADelivery)
                    + " behind A (Kafka and the processes' turns on the CPU)"));
  }

  private static Report report(
      int runs, PassFigures bAlone, PassFigures bBehindA, PassFigures aAlone, PassFigures aWithB) {
    double bRatio = bBehindA.toFinished()[2] / bAlone.toFinished()[2];
    double aRatio = (double) aWithB.endToEnd().toMillis() / aAlone.endToEnd().toMillis();
    return new Report()
        .title(
            "fairness: A triggers "
                + Fmt.count(runs)
                + " runs, then B triggers "
                + B_RUNS
                + " at "
                + Fmt.rate(B_RATE))
        .row("B alone, trigger→running", Fmt.percentiles(bAlone.toRunning()))
        .row("B alone, trigger→finished", Fmt.percentiles(bAlone.toFinished()))
        .row("B behind A, trigger→finished", Fmt.percentiles(bBehindA.toFinished()))
        .row("B's p99 behind A / alone", String.format("%.2f×", bRatio), "≤ 2×")
        .row("B behind A, trigger→running", Fmt.percentiles(bBehindA.toRunning()))
        .row("A alone", Fmt.seconds(aAlone.endToEnd()) + " first trigger to last finish")
        .row("A with B", Fmt.seconds(aWithB.endToEnd()) + " first trigger to last finish")
        .row("A's time with B / alone", String.format("%.3f×", aRatio), "≤ 1.10×")
        .row(
            "outcomes",
            "A alone "
                + aAlone.statuses()
                + ", A with B "
                + aWithB.statuses()
                + ", B "
                + bBehindA.statuses());
  }
}
