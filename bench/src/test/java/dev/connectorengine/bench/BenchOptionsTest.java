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
    assertThat(options.batch()).isEqualTo(new BatchOptions(1_000, 4, 0));
  }

  @Test
  void batch_mode_runs_the_batch_pass_alone_and_all_runs_every_pass() {
    Mode batch = BenchOptions.parse(List.of("--mode", "batch")).mode();
    Mode all = BenchOptions.parse(List.of("--mode", "all")).mode();

    assertThat(List.of(batch.throughput(), batch.batch(), batch.inflight()))
        .containsExactly(false, true, false);
    assertThat(List.of(all.throughput(), all.batch(), all.inflight()))
        .containsExactly(true, true, true);
  }

  @Test
  void parses_the_batch_options() {
    BenchOptions options =
        BenchOptions.parse(
            List.of(
                "--mode",
                "batch",
                "--batch-size",
                "250",
                "--batch-clients",
                "8",
                "--reference-runs-per-s",
                "997.5"));

    assertThat(options.batch()).isEqualTo(new BatchOptions(250, 8, 997.5));
  }

  @Test
  void wrong_batch_options_are_named() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--batch-size", "1001")))
        .hasMessage("--batch-size must be from 1 to 1,000, not 1001");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--batch-size", "0")))
        .hasMessage("--batch-size must be from 1 to 1,000, not 0");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--batch-clients", "0")))
        .hasMessage("--batch-clients must be at least 1");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--batch-clients", "four")))
        .hasMessage("--batch-clients needs a whole number, not four");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--reference-runs-per-s", "0")))
        .hasMessage("--reference-runs-per-s must be a positive number");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--reference-runs-per-s", "--quick")))
        .hasMessage("--reference-runs-per-s needs a value");
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
        .hasMessage("--mode must be throughput, batch, inflight, fairness or all, not fast");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--jvm-flags", "TieredStopAtLevel=4")))
        .hasMessage("--jvm-flags takes JVM flags, each starting with -, not TieredStopAtLevel=4");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast")))
        .hasMessage("unknown option --fast");
  }
}
