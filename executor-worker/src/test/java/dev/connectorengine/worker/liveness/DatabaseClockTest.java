package dev.connectorengine.worker.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DatabaseClockTest {

  private static final Instant LOCAL = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void it_reads_the_local_clock_plus_the_offset_measured_at_the_round_trips_midpoint() {
    DatabaseClock clock = new DatabaseClock(Clock.fixed(LOCAL, ZoneOffset.UTC));

    boolean taken = clock.sync(LOCAL.minusMillis(40), LOCAL.plusSeconds(60).minusMillis(20), LOCAL);

    assertThat(taken).isTrue();
    assertThat(clock.offset()).isEqualTo(Duration.ofSeconds(60));
    assertThat(clock.instant()).isEqualTo(LOCAL.plusSeconds(60));
  }

  @Test
  void before_any_reading_it_is_the_local_clock() {
    DatabaseClock clock = new DatabaseClock(Clock.fixed(LOCAL, ZoneOffset.UTC));

    assertThat(clock.instant()).isEqualTo(LOCAL);
  }

  @Test
  void a_reading_with_a_slow_round_trip_is_ignored_once_the_clock_has_a_good_one() {
    DatabaseClock clock = new DatabaseClock(Clock.fixed(LOCAL, ZoneOffset.UTC));
    clock.sync(LOCAL.minusMillis(10), LOCAL.minusSeconds(30).minusMillis(5), LOCAL);

    boolean taken = clock.sync(LOCAL.minusSeconds(19), LOCAL.plusSeconds(5), LOCAL);

    assertThat(taken).isFalse();
    assertThat(clock.offset()).isEqualTo(Duration.ofSeconds(-30));
  }
}
