package dev.connectorengine.bench;

import dev.connectorengine.localstack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code bin/bench} was asked to do. {@code --quick} changes the defaults only; options given
 * explicitly win whatever their order.
 *
 * @param mode which passes run
 * @param runs runs triggered by the throughput pass
 * @param concurrency concurrent HTTP clients of a closed-loop throughput pass
 * @param rate open-loop trigger rate (runs/s) of the throughput pass; 0 for a closed loop
 * @param warmupRuns runs triggered (and not measured) before the throughput pass
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

  /** The passes a bench runs. */
  enum Mode {
    THROUGHPUT,
    INFLIGHT,
    ALL;

    boolean throughput() {
      return this != INFLIGHT;
    }

    boolean inflight() {
      return this != THROUGHPUT;
    }
  }

  static final String USAGE =
      """
      Usage: bin/bench [options]   (SKIP_BUILD=true skips the Maven build)

        --mode throughput|inflight|all  which passes run (default throughput)
        --quick                         a smoke check: 2,000 runs, 200 warm-up, 5 s passes
        --runs N                        runs of the throughput pass (default 20000)
        --concurrency C                 concurrent clients, closed loop (default 64)
        --rate R                        open loop at R runs/s instead of a closed loop
        --warmup N                      unmeasured runs first, to warm the JITs (default 2000)
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
    boolean quick = args.contains("--quick");
    Builder options = new Builder(quick);
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      switch (option) {
        case "--quick" -> {}
        case "--help", "-h" -> options.help = true;
        case "--no-half-rate" -> options.halfRatePass = false;
        case "--mode" -> options.mode = mode(value(args, ++i, option));
        case "--runs" -> options.runs = positiveInt(args, ++i, option);
        case "--concurrency" -> options.concurrency = positiveInt(args, ++i, option);
        case "--rate" -> options.rate = positiveRate(args, ++i, option);
        case "--warmup" -> options.warmupRuns = nonNegativeInt(args, ++i, option);
        case "--half-rate" -> options.halfRate = positiveRate(args, ++i, option);
        case "--half-rate-seconds" -> options.halfRateDuration = seconds(args, ++i, option);
        case "--inflight-rate" -> options.inflightRate = positiveRate(args, ++i, option);
        case "--inflight-seconds" -> options.inflightDuration = seconds(args, ++i, option);
        case "--inflight-delay-ms" ->
            options.inflightDelay = Duration.ofMillis(nonNegativeInt(args, ++i, option));
        case "--inflight-limit" -> options.inflightLimit = positiveInt(args, ++i, option);
        case "--inflight-preload" -> options.inflightPreload = true;
        case "--heap" -> options.workerHeap = heap(value(args, ++i, option));
        case "--jvm-flags" -> options.jvmFlags = jvmFlags(value(args, ++i, option));
        case "--stall-timeout-seconds" -> options.stallTimeout = seconds(args, ++i, option);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return options.build();
  }

  /** The options as printed beside the figures. */
  List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add("mode " + mode.name().toLowerCase(Locale.ROOT));
    if (mode.throughput()) {
      lines.add(
          "throughput: "
              + Fmt.count(runs)
              + " runs, "
              + (rate > 0 ? "open loop at " + Fmt.rate(rate) : concurrency + " concurrent clients")
              + ", warm-up "
              + Fmt.count(warmupRuns)
              + " runs");
      lines.add(
          halfRatePass
              ? "half-rate pass: "
                  + (halfRate > 0 ? Fmt.rate(halfRate) : "half the measured end-to-end rate")
                  + " for "
                  + halfRateDuration.toSeconds()
                  + " s"
              : "half-rate pass: off");
    }
    if (mode.inflight()) {
      lines.add(
          "in-flight: "
              + Fmt.rate(inflightRate)
              + " for "
              + inflightDuration.toSeconds()
              + " s, "
              + inflightDelay.toMillis()
              + " ms per call, WORKER_MAX_IN_FLIGHT="
              + inflightLimit
              + (inflightPreload ? ", runs triggered before the worker starts" : ""));
    }
    List<String> flags = new ArrayList<>(ServiceProcess.SERVICE_JVM_FLAGS);
    flags.addAll(serviceJvmArgs());
    lines.add(
        String.join(" ", flags) + " for the API and workers; the API's per-key rate limit off");
    return lines;
  }

  /** The JVM flags the bench gives the API and workers, after their own: the heap, then ours. */
  List<String> serviceJvmArgs() {
    List<String> flags = new ArrayList<>(List.of("-Xmx" + workerHeap));
    flags.addAll(jvmFlags);
    return List.copyOf(flags);
  }

  private static Mode mode(String value) {
    try {
      return Mode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--mode must be throughput, inflight or all, not " + value, e);
    }
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

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size() || args.get(index).startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }

  private static int positiveInt(List<String> args, int index, String option) {
    int value = nonNegativeInt(args, index, option);
    if (value == 0) {
      throw new IllegalArgumentException(option + " must be at least 1");
    }
    return value;
  }

  private static int nonNegativeInt(List<String> args, int index, String option) {
    String text = value(args, index, option).replace("_", "").replace(",", "");
    try {
      int value = Integer.parseInt(text);
      if (value < 0) {
        throw new IllegalArgumentException(option + " must not be negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, not " + text, e);
    }
  }

  private static double positiveRate(List<String> args, int index, String option) {
    String text = value(args, index, option);
    try {
      double value = Double.parseDouble(text);
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(option + " must be a positive number");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, not " + text, e);
    }
  }

  private static Duration seconds(List<String> args, int index, String option) {
    return Duration.ofSeconds(positiveInt(args, index, option));
  }

  private static final class Builder {
    private Mode mode = Mode.THROUGHPUT;
    private int runs;
    private int concurrency = 64;
    private double rate;
    private int warmupRuns;
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
