package dev.connectorengine.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;

class StatementBatcherTest {

  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

  @Test
  void a_lone_write_is_written_at_once_with_its_own_result() {
    try (StatementBatcher<Integer, String> commit = batcher(10, 1, this::echo)) {
      assertThat(commit.call(7)).isEqualTo("seen 7");
      assertThat(batches).containsExactly(List.of(7));
    }
  }

  @Test
  void writes_queued_while_a_batch_is_written_share_the_next_one() throws Exception {
    CountDownLatch firstBatchWriting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Function<List<Integer>, List<String>> slowFirst =
        items -> {
          if (batches.isEmpty()) {
            firstBatchWriting.countDown();
            awaitQuietly(release);
          }
          return echo(items);
        };
    try (StatementBatcher<Integer, String> commit = batcher(100, 1, slowFirst);
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> first = callers.submit(() -> commit.call(0));
      firstBatchWriting.await();
      List<Future<String>> queued = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        int item = i;
        queued.add(callers.submit(() -> commit.call(item)));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> queued(commit) == 50);
      release.countDown();

      assertThat(first.get()).isEqualTo("seen 0");
      for (int i = 0; i < queued.size(); i++) {
        assertThat(queued.get(i).get()).isEqualTo("seen " + (i + 1));
      }
      assertThat(batches).hasSize(2);
      assertThat(batches.get(1)).hasSize(50);
    }
  }

  @Test
  void a_batch_never_holds_more_than_the_batch_size() throws Exception {
    try (StatementBatcher<Integer, String> commit = batcher(8, 2, this::echo);
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        int item = i;
        results.add(callers.submit(() -> commit.call(item)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo("seen " + i);
      }
    }
    assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 8));
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(500);
  }

  @Test
  void a_failed_batch_fails_its_callers_with_the_database_error() {
    DataAccessResourceFailureException down = new DataAccessResourceFailureException("db down");
    try (StatementBatcher<Integer, String> commit =
        batcher(
            10,
            1,
            items -> {
              throw down;
            })) {
      assertThatThrownBy(() -> commit.call(1)).isSameAs(down);
      // The writer goes on after a failed batch.
      assertThatThrownBy(() -> commit.call(2)).isSameAs(down);
    }
  }

  @Test
  void a_batch_that_lost_a_deadlock_is_written_again() {
    AtomicInteger tries = new AtomicInteger();
    try (StatementBatcher<Integer, String> commit =
        batcher(
            10,
            1,
            items -> {
              if (tries.incrementAndGet() == 1) {
                throw new DeadlockLoserDataAccessException("deadlock", null);
              }
              return echo(items);
            })) {
      assertThat(commit.call(3)).isEqualTo("seen 3");
      assertThat(tries).hasValue(2);
    }
  }

  @Test
  void a_batch_refused_for_one_callers_data_fails_that_caller_alone() throws Exception {
    // The database refuses any statement holding 13 (SQLSTATE 22P05: untranslatable character).
    Function<List<Integer>, List<String>> refusing13 =
        items -> {
          if (items.contains(13)) {
            throw new DataIntegrityViolationException(
                "refused", new SQLException("unsupported Unicode escape sequence", "22P05"));
          }
          return echo(items);
        };
    CountDownLatch firstBatchWriting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Function<List<Integer>, List<String>> slowFirst =
        items -> {
          if (items.contains(0)) {
            firstBatchWriting.countDown();
            awaitQuietly(release);
          }
          return refusing13.apply(items);
        };
    try (StatementBatcher<Integer, String> commit = batcher(100, 1, slowFirst);
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> first = callers.submit(() -> commit.call(0));
      firstBatchWriting.await();
      List<Future<String>> queued = new ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        int item = i;
        queued.add(callers.submit(() -> commit.call(item)));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> queued(commit) == 40);
      release.countDown();

      assertThat(first.get()).isEqualTo("seen 0");
      for (int i = 1; i <= 40; i++) {
        Future<String> result = queued.get(i - 1);
        if (i == 13) {
          assertThatThrownBy(result::get)
              .hasCauseInstanceOf(ItemRefusedException.class)
              .hasMessageContaining(
                  "the database refused its data: unsupported Unicode escape sequence");
        } else {
          assertThat(result.get()).isEqualTo("seen " + i);
        }
      }
    }
    // Halves, then halves of the half holding 13: a handful of statements, not one per caller.
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(40);
    assertThat(batches).hasSizeLessThanOrEqualTo(8);
  }

  @Test
  void a_batch_failed_by_the_database_itself_is_not_split() {
    AtomicInteger statements = new AtomicInteger();
    try (StatementBatcher<Integer, String> commit =
        batcher(
            10,
            1,
            items -> {
              statements.incrementAndGet();
              throw new DataAccessResourceFailureException(
                  "gone", new SQLException("connection lost", "08006"));
            })) {
      assertThatThrownBy(() -> commit.call(1))
          .isInstanceOf(DataAccessResourceFailureException.class);
    }
    assertThat(statements).hasValue(1);
  }

  private StatementBatcher<Integer, String> batcher(
      int maxBatch, int writers, Function<List<Integer>, List<String>> write) {
    return new StatementBatcher<>("test-writer", maxBatch, writers, write);
  }

  private List<String> echo(List<Integer> items) {
    batches.add(List.copyOf(items));
    return items.stream().map(i -> "seen " + i).toList();
  }

  private static int queued(StatementBatcher<?, ?> commit) {
    return commit.queued();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
