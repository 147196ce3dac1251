package dev.connectorengine.worker.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunSignalTest {

  @Test
  void a_run_counts_as_waiting_on_a_target_only_inside_the_call() throws Exception {
    AtomicInteger waitingRuns = new AtomicInteger();
    RunSignal signal = new RunSignal(() -> true, waitingRuns);

    int inside = signal.interruptibly(waitingRuns::get);

    assertThat(inside).isEqualTo(1);
    assertThat(waitingRuns).hasValue(0);
    assertThatThrownBy(
            () ->
                signal.interruptibly(
                    () -> {
                      throw new java.io.IOException("connection reset");
                    }))
        .isInstanceOf(java.io.IOException.class);
    assertThat(waitingRuns).hasValue(0);
  }

  @Test
  void stop_interrupts_a_pause_at_once() throws Exception {
    RunSignal signal = new RunSignal();
    CompletableFuture<Throwable> pausing = new CompletableFuture<>();
    Thread thread =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    signal.pause(Duration.ofMinutes(1).toMillis());
                    pausing.complete(null);
                  } catch (Throwable e) {
                    pausing.complete(e);
                  }
                });
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> thread.getState() == Thread.State.TIMED_WAITING);

    signal.stop(RunSignal.Stop.CANCEL);

    assertThat(pausing.get(2, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    assertThat(signal.stopped()).isEqualTo(RunSignal.Stop.CANCEL);
  }

  @Test
  void a_stopped_run_does_not_enter_another_interruptible_call() {
    RunSignal signal = new RunSignal();
    signal.stop(RunSignal.Stop.GIVE_BACK);

    assertThatThrownBy(() -> signal.interruptibly(() -> "called"))
        .isInstanceOf(InterruptedException.class);
  }

  @Test
  void stop_outside_an_interruptible_call_leaves_the_thread_uninterrupted() throws Exception {
    RunSignal signal = new RunSignal();
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    CountDownLatch called = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                signal.interruptibly(() -> "done");
                called.countDown();
                stopped.await();
                interrupted.complete(Thread.currentThread().isInterrupted());
              } catch (Exception e) {
                interrupted.completeExceptionally(e);
              }
            });

    called.await();
    signal.stop(RunSignal.Stop.CANCEL);
    stopped.countDown();

    assertThat(interrupted.get(2, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void the_first_reason_wins() {
    RunSignal signal = new RunSignal();

    signal.stop(RunSignal.Stop.CANCEL);
    signal.stop(RunSignal.Stop.LOST);

    assertThat(signal.stopped()).isEqualTo(RunSignal.Stop.CANCEL);
  }
}
