package dev.connectorengine.model.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.model.connector.HttpRequestSpec;
import dev.connectorengine.model.connector.StepSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ReplayStepsTest {

  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<StepSpec> STEPS =
      List.of(step("person", "/people"), step("company", "/companies"), step("update", "/c"));

  @Test
  void from_the_failed_step_the_leading_successes_are_reused_and_the_rest_pending() {
    List<StepRecord> earlier =
        List.of(
            succeeded("person"),
            StepRecord.pending("company", "company").failed(2, 503, 10, "503", AT),
            StepRecord.pending("update", "update").skipped("not run"));

    List<StepRecord> records = ReplaySteps.fromFailedStep(earlier, STEPS, STEPS);

    assertThat(records)
        .extracting(StepRecord::status)
        .containsExactly(StepStatus.SUCCESS, StepStatus.PENDING, StepStatus.PENDING);
    assertThat(records).extracting(StepRecord::reused).containsExactly(true, false, false);
    assertThat(records.getFirst().output()).isEqualTo(earlier.getFirst().output());
  }

  @Test
  void a_reused_record_says_so_in_json_and_a_fresh_one_does_not() {
    String json =
        ExecutionJson.writeSteps(
            List.of(succeeded("person").asReused(), StepRecord.pending("company", "company")));

    List<StepRecord> read = ExecutionJson.readSteps(json);

    assertThat(json).containsOnlyOnce("\"reused\":true");
    assertThat(read).extracting(StepRecord::reused).containsExactly(true, false);
  }

  @Test
  void a_step_failed_and_gone_on_from_is_run_again_with_every_step_after_it() {
    List<StepRecord> earlier =
        List.of(
            StepRecord.pending("person", "person").failed(1, 404, 5, "404", AT),
            succeeded("company"),
            succeeded("update"));

    assertThat(ReplaySteps.fromFailedStep(earlier, STEPS, STEPS))
        .extracting(StepRecord::status)
        .containsOnly(StepStatus.PENDING);
  }

  @Test
  void a_run_whose_every_step_succeeded_has_nothing_to_run_from_a_failed_step() {
    List<StepRecord> earlier =
        List.of(succeeded("person"), succeeded("company"), succeeded("update"));

    assertThatThrownBy(() -> ReplaySteps.fromFailedStep(earlier, STEPS, STEPS))
        .isInstanceOf(ReplayRefusedException.class)
        .hasMessageContaining("every step of the run succeeded");
  }

  @Test
  void a_changed_step_before_the_failed_one_refuses_reuse_naming_it() {
    List<StepRecord> earlier =
        List.of(
            succeeded("person"),
            StepRecord.pending("company", "company").failed(1, 500, 5, "500", AT),
            StepRecord.pending("update", "update").skipped("not run"));
    List<StepSpec> current =
        List.of(step("person", "/people/v2"), step("company", "/companies"), step("update", "/c"));

    assertThatThrownBy(() -> ReplaySteps.fromFailedStep(earlier, STEPS, current))
        .isInstanceOf(ReplayRefusedException.class)
        .hasMessageContaining("step 'person'");
  }

  @Test
  void a_version_that_changed_only_after_the_failed_step_reuses_the_unchanged_ones() {
    List<StepRecord> earlier =
        List.of(
            succeeded("person"),
            StepRecord.pending("company", "company").failed(1, 500, 5, "500", AT),
            StepRecord.pending("update", "update").skipped("not run"));
    List<StepSpec> current = List.of(step("person", "/people"), step("company", "/companies/v2"));

    assertThat(ReplaySteps.fromFailedStep(earlier, STEPS, current))
        .extracting(r -> r.id() + ":" + r.status().wireName() + ":" + r.reused())
        .containsExactly("person:success:true", "company:pending:false");
  }

  private static StepRecord succeeded(String id) {
    return StepRecord.pending(id, id)
        .running(AT)
        .succeeded(
            1, 200, 5, JsonMapper.builder().build().readTree("{\"id\": \"" + id + "\"}"), AT);
  }

  private static StepSpec step(String id, String path) {
    return new StepSpec(
        id,
        id,
        new HttpRequestSpec("GET", "https://api.example.com" + path, null, null, null),
        null,
        null,
        null,
        null,
        null);
  }
}
