package dev.connectorengine.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2025-11-22T10:00:00Z");

  @Test
  void reads_delay_seconds() {
    assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void reads_an_http_date_as_the_time_left_until_it() {
    assertThat(RetryAfter.parse("Sat, 22 Nov 2025 10:00:42 GMT", NOW))
        .contains(Duration.ofSeconds(42));
  }

  @Test
  void an_http_date_in_the_past_means_no_wait() {
    assertThat(RetryAfter.parse("Sat, 22 Nov 2025 09:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void ignores_what_it_cannot_read() {
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-3", NOW)).isEmpty();
    assertThat(RetryAfter.parse("", NOW)).isEmpty();
  }

  @Test
  void finds_the_header_whatever_its_case() {
    assertThat(RetryAfter.in(Map.of("Retry-After", List.of("3")), NOW))
        .contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.in(Map.of("content-type", List.of("x")), NOW)).isEmpty();
  }
}
