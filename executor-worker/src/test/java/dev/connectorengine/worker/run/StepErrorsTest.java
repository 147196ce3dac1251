package dev.connectorengine.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class StepErrorsTest {

  @Test
  void an_excerpt_never_shows_the_start_of_a_secret_echoed_escaped_past_the_excerpts_window() {
    String secret = "sk-" + "a".repeat(40);
    StringBuilder escaped = new StringBuilder();
    secret.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
    String body = "{\"e\": \"" + escaped + "\"}";
    HttpAnswer answer =
        new HttpAnswer(500, Map.of(), JsonNodeFactory.instance.stringNode(body), body, 1);

    String error =
        new StepErrors(10)
            .of(new AttemptOutcome.Answered(answer), new SecretRedactor(List.of(secret)));

    assertThat(error).startsWith("HTTP 500 Internal Server Error: {\"e\": \"***");
    assertThat(error).doesNotContain("\\u0073\\u006b");
  }
}
