package dev.connectorengine.worker.hostrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiters on a clock of the test's own: the waits they give out, to the nanosecond. */
class HostRateLimitersTest {

  private static final URI LIMITED = URI.create("https://api.example.com/v1/items?page=2");
  private static final URI OTHER = URI.create("https://elsewhere.example.net/");
  private static final Duration LONG = Duration.ofHours(1);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicInteger liveWorkers = new AtomicInteger(1);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private HostRateLimiters limiters(List<String> rates, Double defaultRate) {
    return new HostRateLimiters(
        new HostRateSettings(rates, defaultRate, Duration.ofSeconds(5)),
        liveWorkers::get,
        new WorkerMetrics(meters),
        nanos::get);
  }

  @Test
  void calls_to_a_host_at_5_a_second_go_200_ms_apart_the_first_at_once() {
    HostRateLimiters limiters = limiters(List.of("api.example.com=5"), null);

    assertThat(limiters.reserve(LIMITED, LONG)).contains(Duration.ZERO);
    assertThat(limiters.reserve(LIMITED, LONG)).contains(Duration.ofMillis(200));
    assertThat(limiters.reserve(LIMITED, LONG)).contains(Duration.ofMillis(400));
    nanos.addAndGet(Duration.ofMillis(400).toNanos());
    assertThat(limiters.reserve(LIMITED, LONG)).contains(Duration.ofMillis(200));
    assertThat(
            meters
                .find("connector.engine.outbound.permit.wait")
                .tag("host", "api.example.com")
                .timer()
                .count())
        .isEqualTo(4);
  }

  @Test
  void a_host_not_listed_waits_for_nothing_unless_there_is_a_default_rate() {
    assertThat(limiters(List.of("api.example.com=5"), null).reserve(OTHER, LONG))
        .contains(Duration.ZERO);
    assertThat(meters.find("connector.engine.outbound.permit.wait").timer()).isNull();

    HostRateLimiters withDefault = limiters(List.of("api.example.com=5"), 1.0);
    withDefault.reserve(OTHER, LONG);
    assertThat(withDefault.reserve(OTHER, LONG)).contains(Duration.ofSeconds(1));
    // Hosts under the default rate share one tag, whatever they are.
    assertThat(meters.find("connector.engine.outbound.permit.wait").tag("host", "other").timer())
        .isNotNull();
  }

  @Test
  void each_of_two_live_workers_calls_at_half_the_rate() {
    liveWorkers.set(2);
    HostRateLimiters limiters = limiters(List.of("api.example.com=5"), null);

    Duration first = limiters.reserve(LIMITED, LONG).orElseThrow();
    Duration second = limiters.reserve(LIMITED, LONG).orElseThrow();
    Duration third = limiters.reserve(LIMITED, LONG).orElseThrow();

    assertThat(second.minus(first)).isEqualTo(Duration.ofMillis(400));
    assertThat(third.minus(second)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void a_permit_that_would_come_too_late_is_refused_and_not_taken() {
    HostRateLimiters limiters = limiters(List.of("api.example.com=5"), null);
    limiters.reserve(LIMITED, LONG);

    assertThat(limiters.reserve(LIMITED, Duration.ofMillis(150))).isEqualTo(Optional.empty());
    assertThat(limiters.reserve(LIMITED, Duration.ofMillis(250))).contains(Duration.ofMillis(200));
    assertThat(
            meters
                .find("connector.engine.outbound.permit.too.late")
                .tag("host", "api.example.com")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void a_token_call_waits_for_its_permit_and_stops_waiting_once_abandoned() throws Exception {
    HostRateLimiters limiters =
        new HostRateLimiters(
            new HostRateSettings(List.of("api.example.com=5"), null, Duration.ofSeconds(5)),
            () -> 1,
            new WorkerMetrics(meters),
            System::nanoTime);
    assertThat(limiters.await(LIMITED, LONG, () -> false)).isTrue();
    long start = System.nanoTime();
    assertThat(limiters.await(LIMITED, LONG, () -> false)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    // The next permit is 200 ms off: not within 100 ms, and not waited for once abandoned.
    assertThat(limiters.await(LIMITED, Duration.ofMillis(100), () -> false)).isFalse();
    assertThatThrownBy(() -> limiters.await(LIMITED, LONG, () -> true))
        .isInstanceOf(InterruptedException.class);
    assertThat(limiters.await(OTHER, Duration.ZERO.plusNanos(1), () -> true)).isTrue();
  }

  @Test
  void a_worker_share_never_falls_below_the_minimum() {
    assertThat(HostRateLimiters.permitsPerCall(5, 1)).isEqualTo(1);
    assertThat(HostRateLimiters.permitsPerCall(5, 3)).isEqualTo(3);
    // 0.05 a second over 100 workers would be 0.0005 each: 0.01 (one call per 5 permits) instead.
    assertThat(HostRateLimiters.permitsPerCall(0.05, 100)).isEqualTo(5);
    assertThat(HostRateLimiters.permitsPerCall(0.001, 100)).isEqualTo(1);
  }
}
