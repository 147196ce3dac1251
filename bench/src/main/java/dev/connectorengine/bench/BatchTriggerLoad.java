package dev.connectorengine.bench;

import dev.connectorengine.localstack.ApiClient;
import dev.connectorengine.localstack.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Triggers one connector many times through the batch call ({@code POST
 * /api/v1/connectors/{id}/executions/batch}), from a few clients on virtual threads, each sending
 * its next batch when its last is answered. A batch answered 429 is sent again after the wait its
 * {@code Retry-After} asks for.
 */
final class BatchTriggerLoad {

  /** How often one batch is sent while the API answers 429, before its runs count as failed. */
  static final int MAX_SENDS = 20;

  private static final int MAX_ERRORS_KEPT = 5;
  private static final int DISTINCT_INPUTS = 1000;

  /** One batch call: sends a body, returns the API's answer. */
  @FunctionalInterface
  interface BatchCall {
    ApiResponse send(String body);
  }

  private final BatchCall call;
  private final Consumer<Duration> pause;
  private final Clock clock;

  BatchTriggerLoad(ApiClient api, String connectorId) {
    this(
        body -> api.post("/api/v1/connectors/" + connectorId + "/executions/batch", body),
        Pass::pause,
        Clock.systemUTC());
  }

  /**
   * @param pause waits as long as a 429's Retry-After asks
   * @param clock reads the time a Retry-After given as a date is counted from
   */
  BatchTriggerLoad(BatchCall call, Consumer<Duration> pause, Clock clock) {
    this.call = call;
    this.pause = pause;
    this.clock = clock;
  }

  /** {@code runs} runs in batches of {@code batchSize} from {@code clients} concurrent clients. */
  TriggerReport closedLoop(int runs, int batchSize, int clients) {
    List<Batch> batches = Batch.split(runs, batchSize);
    Outcomes outcomes = new Outcomes(batches.size());
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < Math.min(clients, batches.size()); c++) {
        executor.execute(
            () -> {
              for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                send(i, batches.get(i), outcomes);
              }
            });
      }
    }
    return outcomes.report(System.nanoTime() - start, batchSize);
  }

  /** The batch call's body: one item per run, the inputs as the single trigger load sends them. */
  static String body(Batch batch) {
    StringBuilder json = new StringBuilder(16 + batch.size() * 48).append("{\"items\":[");
    for (int i = 0; i < batch.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"input\":{\"email\":\"bench-")
          .append((batch.first() + i) % DISTINCT_INPUTS)
          .append("@acme.io\"}}");
    }
    return json.append("]}").toString();
  }

  private void send(int index, Batch batch, Outcomes outcomes) {
    String body = body(batch);
    for (int sends = 1; ; sends++) {
      long sent = System.nanoTime();
      ApiResponse answer;
      try {
        answer = call.send(body);
      } catch (RuntimeException e) {
        outcomes.failed(batch.size(), e.toString());
        return;
      }
      if (answer.status() == 429 && sends < MAX_SENDS) {
        outcomes.retried();
        pause.accept(RetryAfter.of(answer.header("Retry-After"), clock.instant()));
      } else if (answer.status() == 202) {
        outcomes.answered(index, batch.size(), itemsWithId(answer), System.nanoTime() - sent);
        return;
      } else {
        outcomes.failed(
            batch.size(),
            "HTTP "
                + answer.status()
                + (answer.status() == 429 ? " (sent " + sends + " times)" : "")
                + ": "
                + abbreviate(answer.body()));
        return;
      }
    }
  }

  /** The runs a 202 answer created: its items that have an id. */
  private static int itemsWithId(ApiResponse answer) {
    int created = 0;
    for (JsonNode item : answer.json().path("items")) {
      if (item.path("id").isString() && !item.path("id").asString().isEmpty()) {
        created++;
      }
    }
    return created;
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** What the batch calls of one pass got back; safe for concurrent clients. */
  private static final class Outcomes {
    private final double[] responseMillis;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    private Outcomes(int batches) {
      this.responseMillis = new double[batches];
      Arrays.fill(responseMillis, Double.NaN);
    }

    private void answered(int index, int runs, int created, long nanos) {
      responseMillis[index] = nanos / 1_000_000.0;
      accepted.addAndGet(Math.min(runs, created));
      if (created != runs) {
        failed(
            Math.max(0, runs - created),
            "HTTP 202 with " + created + " items with an id for a batch of " + runs + " runs");
      }
    }

    private void failed(int runs, String error) {
      failed.addAndGet(runs);
      if (failures.incrementAndGet() <= MAX_ERRORS_KEPT) {
        errors.add(error);
      }
    }

    private void retried() {
      retried.incrementAndGet();
    }

    private TriggerReport report(long wallNanos, int batchSize) {
      return new TriggerReport(
          accepted.get(),
          failed.get(),
          List.copyOf(errors),
          Duration.ofNanos(wallNanos),
          Arrays.stream(responseMillis).filter(m -> !Double.isNaN(m)).toArray(),
          0,
          batchSize,
          retried.get());
    }
  }
}
