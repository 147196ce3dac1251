package dev.connectorengine.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code bin/bench} was asked to do. {@code --quick} changes the defaults only; options given
 * explicitly win whatever their order.
 *
 * @param mode which passes run
 * @param runs runs triggered by the throughput pass, and by the batch pass
 * @param concurrency concurrent HTTP clients of a closed-loop throughput pass
 * @param rate open-loop trigger rate (runs/s) of the throughput pass; 0 for a closed loop
 * @param warmupRuns runs triggered (and not measured) before the throughput pass, and before the
 *     batch pass through the batch call
 * @param batch how the batch pass triggers
 * @param halfRatePass whether the half-rate latency pass runs after the throughput pass
 * @param halfRate the half-rate pass's rate (runs/s); 0 for half the measured end-to-end rate
 * @param halfRateDuration how long the half-rate pass triggers
 * @param inflightRate the in-flight pass's trigger rate (runs/s)
 * @param inflightDuration how long the in-flight pass triggers
 * @param inflightDelay how long the slow fake API takes to answer each call
 * @param inflightLimit the worker's in-flight limit in the in-flight pass
 * @param inflightPreload whether the in-flight pass triggers all its runs before its worker starts
 * @param workerHeap the workers' -Xmx value (and the API's)
 * @param jvmFlags more flags for the API and worker JVMs (after the services' own; a later flag
 *     wins)
 * @param stallTimeout how long the bench waits for runs that make no progress before giving up
 * @param help whether only the usage is wanted
 */
record BenchOptions(
    Mode mode,
    int runs,
    int concurrency,
    double rate,
    int warmupRuns,
    BatchOptions batch,
    boolean halfRatePass,
    double halfRate,
    Duration halfRateDuration,
    double inflightRate,
    Duration inflightDuration,
    Duration inflightDelay,
    int inflightLimit,
    boolean inflightPreload,
    String workerHeap,
    List<String> jvmFlags,
    Duration stallTimeout,
    boolean help) {

  /** The passes a bench runs; {@code all} runs the three, in this order. */
  enum Mode {
    THROUGHPUT,
    BATCH,
    INFLIGHT,
    FAIRNESS,
    ALL;

    boolean throughput() {
      return this == THROUGHPUT || this == ALL;
    }

    boolean batch() {
      return this == BATCH || this == ALL;
    }

    boolean inflight() {
      return this == INFLIGHT || this == ALL;
    }

    boolean fairness() {
      return this == FAIRNESS;
    }

    static Mode parse(String value) {
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--mode must be throughput, batch, inflight, fairness or all, not " + value, e);
      }
    }
  }

  static final String USAGE =
      """
      Usage: bin/bench [options]   (SKIP_BUILD=true skips the Maven build)

        --mode M                        which passes run: throughput, batch, inflight, or all
                                        (those three), or fairness (workspace A's --runs runs,
                                        then B's 100, beside each alone)
                                        three (default throughput)
        --quick                         a smoke check: 2,000 runs, 200 warm-up, 5 s passes
        --runs N                        runs of the throughput and batch passes (default 20000)
        --concurrency C                 concurrent clients, closed loop (default 64)
        --rate R                        open loop at R runs/s instead of a closed loop
        --warmup N                      unmeasured runs first, to warm the JITs (default 2000)
        --batch-size N                  runs per batch call, 1 to 1000 (default 1000)
        --batch-clients C               concurrent clients of the batch pass (default 4)
        --reference-runs-per-s R        db-scheduler's jobs/s, for the batch target's ratio; measure
                                        it with ../shared/peers/run.sh dbscheduler 20000 10 0
        --half-rate R                   rate of the latency pass (default: half the measured rate)
        --half-rate-seconds S           how long the latency pass triggers (default 20)
        --no-half-rate                  skip the latency pass
        --inflight-rate R               trigger rate of the in-flight pass (default 900)
        --inflight-seconds S            how long the in-flight pass triggers (default 20)
        --inflight-delay-ms D           the slow API's answer time per call (default 2000)
        --inflight-limit N              WORKER_MAX_IN_FLIGHT of its worker (default 6000)
        --inflight-preload              trigger the in-flight runs first, then start the worker
                                        (when the API cannot take the rate: shows the worker alone)
        --heap SIZE                     -Xmx of the API and workers (default 1g)
        --jvm-flags "FLAGS"             more JVM flags for the API and workers, after their own
                                        (e.g. "-XX:TieredStopAtLevel=4" for C2 back)
        --stall-timeout-seconds S       give up on runs that make no progress (default 120)
        --help                          this text

      Environment variables other than the ones the bench sets (e.g. DATABASE_POOL_SIZE,
      WORKER_CONSUMERS) reach the API and worker processes, for tuning experiments.
      """;

  /**
   * Reads command-line arguments.
   *
   * @throws IllegalArgumentException naming the option when an argument is wrong
   */
  static BenchOptions parse(List<String> args) {
    Builder options = new Builder(args.contains("--quick"));
    ArgumentReader reader = new ArgumentReader(args);
    while (reader.hasNext()) {
      String option = reader.next();
      switch (option) {
        case "--quick" -> {}
        case "--help", "-h" -> options.help = true;
        case "--no-half-rate" -> options.halfRatePass = false;
        case "--mode" -> options.mode = Mode.parse(reader.value(option));
        case "--runs" -> options.runs = reader.positiveInt(option);
        case "--concurrency" -> options.concurrency = reader.positiveInt(option);
        case "--rate" -> options.rate = reader.positiveNumber(option);
        case "--warmup" -> options.warmupRuns = reader.nonNegativeInt(option);
        case "--batch-size" ->
            options.batchSize = reader.intBetween(option, 1, BatchOptions.MAX_SIZE);
        case "--batch-clients" -> options.batchClients = reader.positiveInt(option);
        case "--reference-runs-per-s" ->
            options.referenceRunsPerSecond = reader.positiveNumber(option);
        case "--half-rate" -> options.halfRate = reader.positiveNumber(option);
        case "--half-rate-seconds" -> options.halfRateDuration = reader.seconds(option);
        case "--inflight-rate" -> options.inflightRate = reader.positiveNumber(option);
        case "--inflight-seconds" -> options.inflightDuration = reader.seconds(option);
        case "--inflight-delay-ms" ->
            options.inflightDelay = Duration.ofMillis(reader.nonNegativeInt(option));
        case "--inflight-limit" -> options.inflightLimit = reader.positiveInt(option);
        case "--inflight-preload" -> options.inflightPreload = true;
        case "--heap" -> options.workerHeap = heap(reader.value(option));
        case "--jvm-flags" -> options.jvmFlags = jvmFlags(reader.value(option));
        case "--stall-timeout-seconds" -> options.stallTimeout = reader.seconds(option);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return options.build();
  }

  /** The JVM flags the bench gives the API and workers, after their own: the heap, then ours. */
  List<String> serviceJvmArgs() {
    List<String> flags = new ArrayList<>(List.of("-Xmx" + workerHeap));
    flags.addAll(jvmFlags);
    return List.copyOf(flags);
  }

  private static String heap(String value) {
    if (!value.matches("[0-9]+[kKmMgG]?")) {
      throw new IllegalArgumentException("--heap must look like 512m or 1g, not " + value);
    }
    return value;
  }

  private static List<String> jvmFlags(String value) {
    List<String> flags = List.of(value.trim().split("\\s+"));
    for (String flag : flags) {
      if (!flag.startsWith("-")) {
        throw new IllegalArgumentException(
            "--jvm-flags takes JVM flags, each starting with -, not " + flag);
      }
    }
    return flags;
  }

  private static final class Builder {
    private Mode mode = Mode.THROUGHPUT;
    private int runs;
    private int concurrency = 64;
    private double rate;
    private int warmupRuns;
    private int batchSize = BatchOptions.MAX_SIZE;
    private int batchClients = 4;
    private double referenceRunsPerSecond;
    private boolean halfRatePass = true;
    private double halfRate;
    private Duration halfRateDuration;
    private double inflightRate = 900;
    private Duration inflightDuration;
    private Duration inflightDelay = Duration.ofSeconds(2);
    private int inflightLimit = 6000;
    private boolean inflightPreload;
    private String workerHeap = "1g";
    private List<String> jvmFlags = List.of();
    private Duration stallTimeout = Duration.ofSeconds(120);
    private boolean help;

    private Builder(boolean quick) {
      runs = quick ? 2_000 : 20_000;
      warmupRuns = quick ? 200 : 2_000;
      halfRateDuration = Duration.ofSeconds(quick ? 5 : 20);
      inflightDuration = Duration.ofSeconds(quick ? 5 : 20);
    }

    private BenchOptions build() {
      return new BenchOptions(
          mode,
          runs,
          concurrency,
          rate,
          warmupRuns,
          new BatchOptions(batchSize, batchClients, referenceRunsPerSecond),
          halfRatePass,
          halfRate,
          halfRateDuration,
          inflightRate,
          inflightDuration,
          inflightDelay,
          inflightLimit,
          inflightPreload,
          workerHeap,
          jvmFlags,
          stallTimeout,
          help);
    }
  }
}
