package dev.connectorengine.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The benchmark of {@code bin/bench}: starts the system as production runs it (a fresh database, a
 * Kafka broker, the API and workers as processes of their own, a fake third-party API), drives it
 * through the public API and prints figures beside the targets. It asserts nothing: it exits 0
 * unless the system could not run.
 */
public final class Benchmark {

  private Benchmark() {}

  public static void main(String[] args) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n\n" + BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    Path repository =
        Path.of(System.getenv().getOrDefault("CONNECTOR_ENGINE_HOME", "."))
            .toAbsolutePath()
            .normalize();
    System.exit(run(repository, options));
  }

  private static int run(Path repository, BenchOptions options) {
    Instant began = Instant.now();
    System.out.println("Connector Engine benchmark");
    System.out.println("  machine   " + Machine.describe());
    System.out.println("  load      " + Machine.background(Duration.ofSeconds(2)));
    OptionsDescription.lines(options).forEach(line -> System.out.println("  options   " + line));

    BenchStack stack = new BenchStack(repository, options.serviceJvmArgs());
    Thread cleanup = new Thread(stack::close, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      stack.start(System.getenv());
      try (RunQueries queries = new RunQueries(stack.database())) {
        System.out.println("  database  " + stack.database().name() + " (dropped at the end)");
        System.out.println("  postgres  " + queries.server());
        System.out.println("  logs      " + repository.relativize(stack.logs()) + "/");
        Pass pass = new Pass(stack, queries, options.stallTimeout());
        if (options.mode().throughput() || options.mode().batch()) {
          new ThroughputPass(stack, options, pass).run();
          stack.stopWorkers();
        }
        if (options.mode().fairness()) {
          new FairnessPass(stack, options, pass, queries).run();
        }
        if (options.mode().inflight()) {
          new InFlightPass(stack, options, pass).run();
        }
      }
      System.out.println(
          "Benchmark done in " + Fmt.seconds(Duration.between(began, Instant.now())) + ".");
      return 0;
    } catch (RuntimeException e) {
      System.err.println("\nThe benchmark could not run: " + e.getMessage());
      return 1;
    } finally {
      stack.close();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException ignored) {
        // shutting down already: the hook runs close(), which is idempotent
      }
    }
  }
}
