package dev.connectorengine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void percentiles_interpolate_like_percentile_cont() {
    double[] values = {40, 10, 30, 20};

    double[] result = Percentiles.of(values, 0.5, 0.99, 0);

    assertThat(result[0]).isEqualTo(25);
    assertThat(result[1]).isCloseTo(39.7, within(1e-9));
    assertThat(result[2]).isEqualTo(10);
    assertThat(Percentiles.of(new double[0], 0.5)[0]).isNaN();
  }

  @Test
  void prometheus_samples_are_summed_over_matching_labels_only() {
    String text =
        """
        # HELP jvm_memory_used_bytes The amount of used memory
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E8
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5.0E7
        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
        jvm_memory_used_bytes_total 7
        connector_engine_runs_in_flight 5123.0
        """;

    assertThat(PrometheusText.sum(text, "jvm_memory_used_bytes", Map.of("area", "heap")))
        .hasValue(1.5E8);
    assertThat(PrometheusText.sum(text, "connector_engine_runs_in_flight", Map.of()))
        .hasValue(5123);
    assertThat(PrometheusText.sum(text, "jvm_gc_live_data_size_bytes", Map.of())).isEmpty();
  }

  @Test
  void cpu_ticks_are_read_after_a_command_name_with_spaces() {
    String stat = "4242 (java (worker) 1) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0";

    assertThat(ProcessCpu.ticksOf(stat)).isEqualTo(325);
    assertThat(ProcessCpu.machineTicksOf("cpu  100 0 50 800 50 0 0 0 0 0"))
        .containsExactly(150, 1000);
  }

  @Test
  void report_rows_align_values_and_targets() {
    String text =
        new Report()
            .title("throughput")
            .row("runs/s end to end", Fmt.rate(1234.4), "≥ 1,500 runs/s")
            .row("statuses", "success " + Fmt.count(20_000))
            .toString();

    assertThat(text)
        .isEqualTo(
            "\n== throughput ==\n"
                + "  runs/s end to end        1,234 runs/s"
                + " ".repeat(32)
                + " target ≥ 1,500 runs/s\n"
                + "  statuses                 success 20,000\n");
    assertThat(Fmt.millis(4.25)).isEqualTo("4.3 ms");
    assertThat(Fmt.millis(1250)).isEqualTo("1,250 ms");
  }

  @Test
  void the_batch_target_is_a_ratio_to_db_schedulers_runs_per_second_when_given() {
    DbSchedulerTarget given = new DbSchedulerTarget(1_000);
    DbSchedulerTarget missing = new DbSchedulerTarget(0);

    assertThat(given.target()).isEqualTo("≥ 1,500 runs/s (1.5× db-scheduler's 1,000 runs/s)");
    assertThat(given.describe(new Report(), 1_234).toString())
        .startsWith("  vs db-scheduler          1.23× its 1,000 runs/s")
        .endsWith("target ≥ 1.5×\n");
    assertThat(missing.target()).isEqualTo("≥ 1.5× db-scheduler's runs/s");
    assertThat(missing.describe(new Report(), 1_234).toString())
        .contains("run ../shared/peers/run.sh dbscheduler 20000 10 0")
        .contains("--reference-runs-per-s");
  }
}
