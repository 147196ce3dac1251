package dev.connectorengine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.localstack.ApiResponse;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BatchTriggerLoadTest {

  private static final Pattern ITEM = Pattern.compile("\\{\"input\":\\{\"email\":\"bench-(\\d+)@");

  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-10T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void runs_are_split_into_full_batches_and_one_smaller_last_batch() {
    assertThat(Batch.split(2_500, 1_000))
        .containsExactly(new Batch(0, 1_000), new Batch(1_000, 1_000), new Batch(2_000, 500));
    assertThat(Batch.split(20_000, 1_000)).hasSize(20).allMatch(batch -> batch.size() == 1_000);
    assertThat(Batch.split(0, 1_000)).isEmpty();
  }

  @Test
  void each_run_is_sent_once_with_the_inputs_of_the_single_trigger_load() {
    BatchTriggerLoad load = new BatchTriggerLoad(this::accept, pauses::add, clock);

    TriggerReport report = load.closedLoop(2_500, 1_000, 4);

    assertThat(report.accepted()).isEqualTo(2_500);
    assertThat(report.failed()).isZero();
    assertThat(report.responseMillis()).hasSize(3);
    assertThat(report.batchSize()).isEqualTo(1_000);
    assertThat(report.batched()).isTrue();
    assertThat(bodies.stream().map(BatchTriggerLoadTest::items).sorted())
        .containsExactly(500, 1_000, 1_000);
    assertThat(BatchTriggerLoad.body(new Batch(999, 2)))
        .isEqualTo(
            "{\"items\":[{\"input\":{\"email\":\"bench-999@acme.io\"}},"
                + "{\"input\":{\"email\":\"bench-0@acme.io\"}}]}");
  }

  @Test
  void a_batch_answered_429_is_sent_again_after_its_retry_after() {
    AtomicInteger calls = new AtomicInteger();
    BatchTriggerLoad load =
        new BatchTriggerLoad(
            body -> calls.incrementAndGet() == 1 ? answer(429, "3", "{}") : accept(body),
            pauses::add,
            clock);

    TriggerReport report = load.closedLoop(1_000, 1_000, 1);

    assertThat(pauses).containsExactly(Duration.ofSeconds(3));
    assertThat(report.accepted()).isEqualTo(1_000);
    assertThat(report.retried()).isEqualTo(1);
    assertThat(bodies).hasSize(1);
  }

  @Test
  void a_batch_answered_429_every_time_fails_after_the_last_send() {
    BatchTriggerLoad load =
        new BatchTriggerLoad(
            body -> answer(429, "1", "{\"title\":\"slow down\"}"), pauses::add, clock);

    TriggerReport report = load.closedLoop(10, 10, 1);

    assertThat(pauses).hasSize(BatchTriggerLoad.MAX_SENDS - 1);
    assertThat(report.accepted()).isZero();
    assertThat(report.failed()).isEqualTo(10);
    assertThat(report.errors())
        .containsExactly(
            "HTTP 429 (sent " + BatchTriggerLoad.MAX_SENDS + " times): {\"title\":\"slow down\"}");
  }

  @Test
  void a_refused_batch_fails_all_its_runs_and_names_the_answer() {
    BatchTriggerLoad load =
        new BatchTriggerLoad(
            body -> items(body) < 1_000 ? accept(body) : answer(422, null, "{\"detail\":\"bad\"}"),
            pauses::add,
            clock);

    TriggerReport report = load.closedLoop(1_500, 1_000, 2);

    assertThat(report.accepted()).isEqualTo(500);
    assertThat(report.failed()).isEqualTo(1_000);
    assertThat(report.errors()).containsExactly("HTTP 422: {\"detail\":\"bad\"}");
    assertThat(report.responseMillis()).hasSize(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void runs_missing_from_an_accepted_answer_count_as_failed() {
    BatchTriggerLoad load =
        new BatchTriggerLoad(
            body -> answer(202, null, itemsAnswer(items(body) - 1)), pauses::add, clock);

    TriggerReport report = load.closedLoop(100, 100, 1);

    assertThat(report.accepted()).isEqualTo(99);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.errors())
        .containsExactly("HTTP 202 with 99 items with an id for a batch of 100 runs");
  }

  @Test
  void retry_after_reads_seconds_or_a_date_and_bounds_the_wait() {
    Instant now = clock.instant();

    assertThat(RetryAfter.of("2", now)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryAfter.of(" 0 ", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.of("Thu, 10 Dec 2026 10:00:05 GMT", now))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(RetryAfter.of("Thu, 10 Dec 2026 09:59:00 GMT", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.of("86400", now)).isEqualTo(RetryAfter.MAX);
    assertThat(RetryAfter.of("99999999999999999999", now)).isEqualTo(RetryAfter.MAX);
    assertThat(RetryAfter.of(null, now)).isEqualTo(RetryAfter.DEFAULT);
    assertThat(RetryAfter.of("soon", now)).isEqualTo(RetryAfter.DEFAULT);
    assertThat(RetryAfter.of("-1", now)).isEqualTo(RetryAfter.DEFAULT);
  }

  /** What the batch call answers per the contract: one pending item per run, in order. */
  private ApiResponse accept(String body) {
    bodies.add(body);
    return answer(202, null, itemsAnswer(items(body)));
  }

  private static String itemsAnswer(int count) {
    StringBuilder json = new StringBuilder("{\"items\":[");
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"00000000-0000-0000-0000-")
          .append(String.format("%012d", i))
          .append("\",\"status\":\"pending\",\"idempotentReplayed\":false}");
    }
    return json.append("]}").toString();
  }

  private static int items(String body) {
    Matcher matcher = ITEM.matcher(body);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private static ApiResponse answer(int status, String retryAfter, String body) {
    Map<String, List<String>> headers =
        retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter));
    return new ApiResponse(status, HttpHeaders.of(headers, (name, value) -> true), body);
  }
}
