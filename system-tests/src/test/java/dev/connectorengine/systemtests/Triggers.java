package dev.connectorengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.localstack.ApiResponse;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/** Triggers runs through the public API, many at once, and reads a connector's statistics. */
final class Triggers {

  private static final int MAX_TRIES = 10;

  private Triggers() {}

  /** Triggers {@code count} runs of a connector, {@code parallel} requests at a time. */
  static List<Triggered> trigger(Workspace workspace, String connectorId, int count, int parallel) {
    List<Future<Triggered>> pending = new ArrayList<>();
    try (ExecutorService callers = Executors.newFixedThreadPool(parallel)) {
      for (int i = 0; i < count; i++) {
        int n = i;
        pending.add(callers.submit(() -> triggerOne(workspace, connectorId, n)));
      }
    }
    List<Triggered> triggered = new ArrayList<>();
    for (Future<Triggered> future : pending) {
      try {
        triggered.add(future.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("a trigger failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return triggered;
  }

  /**
   * Triggers {@code count} runs of a connector through the batch call, so that they all become
   * pending at once however slowly the API answers single calls on a busy machine.
   */
  static List<String> triggerBatch(Workspace workspace, String connectorId, int count) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      items.add(Map.of("input", Map.of("n", n)));
    }
    JsonNode answer =
        workspace
            .api()
            .post("/api/v1/connectors/" + connectorId + "/executions/batch", Map.of("items", items))
            .expect(202)
            .json();
    List<String> ids = new ArrayList<>();
    answer.path("items").forEach(item -> ids.add(item.path("id").asString()));
    assertThat(ids).hasSize(count);
    return ids;
  }

  /**
   * Triggers one run and times the answer. Like a well-behaved flow, it waits out a 429 (the API's
   * per-key rate limit) as {@code Retry-After} says and tries again; the latency is the last try's.
   */
  static Triggered triggerOne(Workspace workspace, String connectorId, int n) {
    for (int tries = 1; ; tries++) {
      long began = System.nanoTime();
      ApiResponse answer =
          workspace
              .api()
              .post(
                  "/api/v1/connectors/" + connectorId + "/executions",
                  Map.of("input", Map.of("n", n)));
      Duration latency = Duration.ofNanos(System.nanoTime() - began);
      if (answer.status() != 429 || tries == MAX_TRIES) {
        return new Triggered(
            answer.json().path("id").asString(null), answer.status(), latency, answer);
      }
      pause(retryAfter(answer));
    }
  }

  private static Duration retryAfter(ApiResponse answer) {
    try {
      return Duration.ofSeconds(Math.max(1, Long.parseLong(answer.header("Retry-After").strip())));
    } catch (RuntimeException e) {
      return Duration.ofSeconds(1);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The ids of runs answered 202, failing if any was not. */
  static List<String> accepted(List<Triggered> triggered) {
    assertThat(triggered)
        .allSatisfy(t -> assertThat(t.status()).as(t.answer().body()).isEqualTo(202));
    return triggered.stream().map(Triggered::executionId).toList();
  }

  /** Asserts the connector's statistics as the API shows them. */
  static void assertStats(
      Workspace workspace, String connectorId, long total, long successful, long failed) {
    JsonNode stats =
        workspace.api().get("/api/v1/connectors/" + connectorId).expect(200).json().path("stats");
    assertThat(stats.path("totalExecutions").asLong()).as("total of %s", stats).isEqualTo(total);
    assertThat(stats.path("successfulExecutions").asLong())
        .as("successful of %s", stats)
        .isEqualTo(successful);
    assertThat(stats.path("failedExecutions").asLong()).as("failed of %s", stats).isEqualTo(failed);
  }

  /**
   * One trigger's answer.
   *
   * @param executionId the id of the run created, null when none was
   * @param status the HTTP status
   * @param latency how long the API took to answer
   * @param answer the whole answer
   */
  record Triggered(String executionId, int status, Duration latency, ApiResponse answer) {}
}
