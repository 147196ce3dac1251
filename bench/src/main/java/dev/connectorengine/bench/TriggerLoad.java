package dev.connectorengine.bench;

import dev.connectorengine.localstack.ApiClient;
import dev.connectorengine.localstack.ApiResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Triggers one connector many times through the API, on virtual threads: either as a closed loop (C
 * clients, each sending its next trigger when the last is answered) or as an open loop (a fixed
 * rate, whatever the answers take).
 */
final class TriggerLoad {

  // The open loop's cap on unanswered triggers, so a stalled API cannot exhaust the client.
  private static final int MAX_OUTSTANDING = 4096;
  private static final int MAX_ERRORS_KEPT = 5;
  private static final int DISTINCT_INPUTS = 1000;

  private final ApiClient api;
  private final String path;
  private final String[] bodies = new String[DISTINCT_INPUTS];

  TriggerLoad(ApiClient api, String connectorId) {
    this.api = api;
    this.path = "/api/v1/connectors/" + connectorId + "/executions";
    for (int i = 0; i < DISTINCT_INPUTS; i++) {
      bodies[i] = "{\"input\":{\"email\":\"bench-" + i + "@acme.io\"}}";
    }
  }

  /** {@code runs} triggers from {@code clients} concurrent clients. */
  TriggerReport closedLoop(int runs, int clients) {
    Outcomes outcomes = new Outcomes(runs);
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        executor.execute(
            () -> {
              for (int i = next.getAndIncrement(); i < runs; i = next.getAndIncrement()) {
                trigger(i, outcomes);
              }
            });
      }
    }
    return outcomes.report(System.nanoTime() - start, 0);
  }

  /** {@code runs} triggers at {@code rate} per second. */
  TriggerReport openLoop(int runs, double rate) {
    Outcomes outcomes = new Outcomes(runs);
    Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
    int late = 0;
    long start = System.nanoTime();
    double intervalNanos = 1_000_000_000.0 / rate;
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < runs; i++) {
        long due = start + (long) (i * intervalNanos);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        if (!outstanding.tryAcquire()) {
          late++;
          outstanding.acquireUninterruptibly();
        }
        int index = i;
        executor.execute(
            () -> {
              try {
                trigger(index, outcomes);
              } finally {
                outstanding.release();
              }
            });
      }
    }
    return outcomes.report(System.nanoTime() - start, late);
  }

  private void trigger(int index, Outcomes outcomes) {
    long sent = System.nanoTime();
    try {
      ApiResponse answer = api.post(path, bodies[index % DISTINCT_INPUTS]);
      if (answer.status() == 202) {
        outcomes.accepted(index, System.nanoTime() - sent);
      } else {
        outcomes.failed("HTTP " + answer.status() + ": " + abbreviate(answer.body()));
      }
    } catch (RuntimeException e) {
      outcomes.failed(e.toString());
    }
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** What the triggers of one pass got back; safe for concurrent clients. */
  private static final class Outcomes {
    private final double[] responseMillis;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    private Outcomes(int runs) {
      this.responseMillis = new double[runs];
      java.util.Arrays.fill(responseMillis, Double.NaN);
    }

    private void accepted(int index, long nanos) {
      responseMillis[index] = nanos / 1_000_000.0;
      accepted.incrementAndGet();
    }

    private void failed(String error) {
      if (failed.incrementAndGet() <= MAX_ERRORS_KEPT) {
        errors.add(error);
      }
    }

    private TriggerReport report(long wallNanos, int late) {
      double[] answered =
          java.util.Arrays.stream(responseMillis).filter(m -> !Double.isNaN(m)).toArray();
      return new TriggerReport(
          accepted.get(),
          failed.get(),
          List.copyOf(errors),
          Duration.ofNanos(wallNanos),
          answered,
          late,
          0,
          0);
    }
  }
}
