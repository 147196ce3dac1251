package dev.connectorengine.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.execution.ExecutionJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

  private final SecretRedactor redactor =
      new SecretRedactor(List.of("s3cr3t", "s3cr3t-long", "", "12345"));

  @Test
  void masks_every_occurrence_in_text_longest_secret_first() {
    assertThat(redactor.redact("key s3cr3t-long and s3cr3t, again s3cr3t"))
        .isEqualTo("key *** and ***, again ***");
  }

  @Test
  void masks_strings_keys_and_numbers_equal_to_a_secret_in_json() {
    var json = ExecutionJson.read("{\"a\": \"x s3cr3t\", \"s3cr3t\": [12345, 7, {\"b\": \"ok\"}]}");

    assertThat(redactor.redact(json))
        .isEqualTo(
            ExecutionJson.read("{\"a\": \"x ***\", \"***\": [\"***\", 7, {\"b\": \"ok\"}]}"));
  }

  @Test
  void leaves_text_alone_without_secrets() {
    assertThat(new SecretRedactor(List.of()).redact("plain")).isEqualTo("plain");
  }
}
