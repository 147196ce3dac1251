package dev.connectorengine.bench;

import dev.connectorengine.localstack.DemoTarget;
import dev.connectorengine.localstack.ServiceProcess;
import java.util.List;
import java.util.Map;

/**
 * The in-flight mode: ONE worker with a high in-flight limit, a fake API that takes seconds per
 * call, and a steady trigger rate; shows how many runs the worker holds at once and its memory.
 */
final class InFlightPass {

  static final String WORKER = "bench-inflight-worker";

  private final BenchStack stack;
  private final BenchOptions options;
  private final Pass pass;

  InFlightPass(BenchStack stack, BenchOptions options, Pass pass) {
    this.stack = stack;
    this.options = options;
    this.pass = pass;
  }

  void run() {
    DemoTarget slow = stack.target(options.inflightDelay());
    Seeded seeded = Seeded.seed(stack.admin(), slow, "bench-inflight");
    int runs = (int) Math.round(options.inflightRate() * options.inflightDuration().toSeconds());
    Map<String, String> env =
        Map.of("WORKER_MAX_IN_FLIGHT", Integer.toString(options.inflightLimit()));
    Pass.Result result;
    if (options.inflightPreload()) {
      System.out.println(
          "Triggering "
              + Fmt.count(runs)
              + " runs with no worker running ("
              + options.concurrency()
              + " clients); its jobs wait in Kafka...");
      TriggerReport preloaded = seeded.load().closedLoop(runs, options.concurrency());
      System.out.println(
          "Starting ONE worker (WORKER_MAX_IN_FLIGHT=" + options.inflightLimit() + ")...");
      ServiceProcess worker = stack.startWorkers(List.of(WORKER), env).getFirst();
      InFlightSampler sampler = new InFlightSampler(worker, stack.database()).start();
      try {
        result = pass.measure(seeded, () -> preloaded);
      } finally {
        sampler.close();
      }
      report(runs, sampler, result);
      return;
    }
    ServiceProcess worker = stack.startWorkers(List.of(WORKER), env).getFirst();
    System.out.println(
        "Triggering "
            + Fmt.count(runs)
            + " runs at "
            + Fmt.rate(options.inflightRate())
            + " against ONE worker ("
            + options.inflightDelay().toMillis()
            + " ms per call, WORKER_MAX_IN_FLIGHT="
            + options.inflightLimit()
            + ")...");
    InFlightSampler sampler = new InFlightSampler(worker, stack.database()).start();
    try {
      result = pass.measure(seeded, () -> seeded.load().openLoop(runs, options.inflightRate()));
    } finally {
      sampler.close();
    }
    report(runs, sampler, result);
  }

  private void report(int runs, InFlightSampler sampler, Pass.Result result) {
    double littleLaw = options.inflightRate() * 3 * options.inflightDelay().toMillis() / 1000.0;
    Report report =
        new Report()
            .title(
                "in flight: "
                    + Fmt.count(runs)
                    + " runs at "
                    + Fmt.rate(options.inflightRate())
                    + ", 3 calls of "
                    + options.inflightDelay().toMillis()
                    + " ms each, one worker"
                    + (options.inflightPreload() ? ", runs triggered before it started" : ""));
    report.row(
        "max runs in flight",
        Fmt.count(sampler.maxRunningInDb())
            + " running rows owned by the worker (Little's law: ~"
            + Fmt.count(Math.round(littleLaw))
            + ")",
        "≥ 5,000");
    report.row(
        "  worker's own gauge",
        Double.isNaN(sampler.maxGauge())
            ? "n/a (connector_engine_runs_in_flight not exposed)"
            : Fmt.count(Math.round(sampler.maxGauge())) + " (connector_engine_runs_in_flight)");
    report.row(
        "worker heap",
        "peak used "
            + mib(sampler.maxHeapUsedBytes())
            + ", peak live after GC "
            + (sampler.maxLiveHeapBytes() > 0
                ? mib(sampler.maxLiveHeapBytes())
                : "n/a (no old-generation collection)")
            + ", -Xmx"
            + options.workerHeap()
            + " (JVM max "
            + mib(sampler.heapMaxBytes())
            + ")",
        "≤ 1 GiB");
    report.row("worker RSS", "peak sampled " + Fmt.mib(sampler.maxRssKib()));
    report.note(
        "("
            + sampler.samples()
            + " samples every 250 ms"
            + (sampler.failedScrapes() > 0
                ? ", " + sampler.failedScrapes() + " actuator scrapes failed"
                : "")
            + ")");
    if (options.inflightPreload()) {
      report.note("(runs waited for the worker: trigger→running and the rates include that wait)");
    }
    Pass.describe(report, result, "≈ the trigger rate");
    Pass.describeLatencies(report, result, null);
    Pass.describeOutcome(report, result);
    Pass.describeRss(report, stack.peakRss());
    System.out.println(report);
  }

  private static String mib(double bytes) {
    return Double.isNaN(bytes) ? "n/a" : Fmt.bytesAsMib(bytes);
  }
}
