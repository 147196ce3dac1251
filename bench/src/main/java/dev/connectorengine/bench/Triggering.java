package dev.connectorengine.bench;

/** How a throughput pass sends its runs to the API: one per call, or through the batch call. */
sealed interface Triggering {

  /** For the report, e.g. {@code 64 concurrent clients}. */
  String describe();

  /** Triggers {@code runs} runs of the seeded connector; returns once all are answered. */
  TriggerReport trigger(Seeded seeded, int runs);

  /**
   * One {@code POST .../executions} per run: a closed loop of {@code concurrency} clients, or an
   * open loop at {@code rate} runs/s when it is above 0.
   */
  record OnePerCall(int concurrency, double rate) implements Triggering {

    @Override
    public String describe() {
      return rate > 0 ? "open loop at " + Fmt.rate(rate) : concurrency + " concurrent clients";
    }

    @Override
    public TriggerReport trigger(Seeded seeded, int runs) {
      return rate > 0
          ? seeded.load().openLoop(runs, rate)
          : seeded.load().closedLoop(runs, concurrency);
    }
  }

  /** {@code POST .../executions/batch} with {@code size} runs a call, from {@code clients}. */
  record Batches(int size, int clients) implements Triggering {

    @Override
    public String describe() {
      return "batch calls of " + Fmt.count(size) + " runs from " + clients + " concurrent clients";
    }

    @Override
    public TriggerReport trigger(Seeded seeded, int runs) {
      return seeded.batchLoad().closedLoop(runs, size, clients);
    }
  }
}
