package dev.connectorengine.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.worker.dispatch.JobParser.PoisonJobException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobParserTest {

  @Test
  void reads_a_job_and_ignores_fields_it_does_not_know() {
    UUID id = UUID.randomUUID();

    var job =
        JobParser.parse(
            "{\"executionId\": \""
                + id
                + "\", \"attempt\": 2, \"newField\": true,"
                + " \"enqueuedAt\": \"2026-01-02T03:04:05Z\"}");

    assertThat(job.executionId()).isEqualTo(id);
    assertThat(job.attempt()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "not json",
        "[1, 2]",
        "{\"attempt\": 1}",
        "{\"executionId\": \"nope\"}"
      })
  void anything_else_is_poison(String value) {
    assertThatThrownBy(() -> JobParser.parse(value)).isInstanceOf(PoisonJobException.class);
  }
}
