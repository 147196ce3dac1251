package dev.connectorengine.worker.periodic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

  @Test
  void an_exception_is_logged_and_the_next_run_still_happens() {
    AtomicInteger runs = new AtomicInteger();
    PeriodicTask task =
        new PeriodicTask(
            "flaky",
            Duration.ofMillis(10),
            () -> {
              runs.incrementAndGet();
              throw new IllegalStateException("database away");
            },
            (name, error) -> {
              throw new AssertionError("no error expected", error);
            });
    task.start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
      assertThat(task.isRunning()).isTrue();
    } finally {
      task.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void an_error_ends_the_task_and_goes_to_the_fatal_error_handler() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<String> fatal = new CompletableFuture<>();
    OutOfMemoryError error = new OutOfMemoryError("test");
    PeriodicTask task =
        new PeriodicTask(
            "heartbeat",
            Duration.ofMillis(10),
            () -> {
              runs.incrementAndGet();
              throw error;
            },
            (name, e) -> fatal.complete(name + ": " + e.getMessage()));
    task.start();

    assertThat(fatal.get(5, TimeUnit.SECONDS)).isEqualTo("heartbeat: test");
    await().atMost(Duration.ofSeconds(1)).until(() -> !task.isRunning());
    assertThat(runs).hasValue(1);
  }
}
