package dev.connectorengine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.bench.BenchOptions.Mode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaults_are_the_issue_figures() {
    BenchOptions options = BenchOptions.parse(List.of());

    assertThat(options.mode()).isEqualTo(Mode.THROUGHPUT);
    assertThat(options.runs()).isEqualTo(20_000);
    assertThat(options.concurrency()).isEqualTo(64);
    assertThat(options.rate()).isZero();
    assertThat(options.inflightRate()).isEqualTo(900);
    assertThat(options.inflightDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.workerHeap()).isEqualTo("1g");
    assertThat(options.jvmFlags()).isEmpty();
  }

  @Test
  void quick_shrinks_the_defaults_but_explicit_options_win_in_any_order() {
    BenchOptions options = BenchOptions.parse(List.of("--runs", "500", "--quick"));

    assertThat(options.runs()).isEqualTo(500);
    assertThat(options.warmupRuns()).isEqualTo(200);
    assertThat(options.inflightDuration()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void parses_every_kind_of_value() {
    BenchOptions options =
        BenchOptions.parse(
            List.of(
                "--mode",
                "all",
                "--rate",
                "750.5",
                "--runs",
                "20_000",
                "--no-half-rate",
                "--inflight-delay-ms",
                "1500",
                "--heap",
                "768m",
                "--jvm-flags",
                " -XX:TieredStopAtLevel=4  -Djdk.httpclient.connectionPoolSize=0"));

    assertThat(options.mode()).isEqualTo(Mode.ALL);
    assertThat(options.rate()).isEqualTo(750.5);
    assertThat(options.runs()).isEqualTo(20_000);
    assertThat(options.halfRatePass()).isFalse();
    assertThat(options.inflightDelay()).isEqualTo(Duration.ofMillis(1500));
    assertThat(options.workerHeap()).isEqualTo("768m");
    assertThat(options.jvmFlags())
        .containsExactly("-XX:TieredStopAtLevel=4", "-Djdk.httpclient.connectionPoolSize=0");
    assertThat(options.serviceJvmArgs())
        .containsExactly(
            "-Xmx768m", "-XX:TieredStopAtLevel=4", "-Djdk.httpclient.connectionPoolSize=0");
  }

  @Test
  void wrong_arguments_are_named() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--runs")))
        .hasMessage("--runs needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "-3")))
        .hasMessageContaining("--rate");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--mode", "fast")))
        .hasMessageContaining("--mode must be");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--jvm-flags", "TieredStopAtLevel=4")))
        .hasMessage("--jvm-flags takes JVM flags, each starting with -, not TieredStopAtLevel=4");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast")))
        .hasMessage("unknown option --fast");
  }
}
