package dev.connectorengine.model.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.connector.RetrySpec;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.ExecutionJson;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActionStepsTest {

  private static final String SCHEMA =
      """
      {"type": "object", "required": ["email", "age"],
       "properties": {"email": {"type": "string"}, "age": {"type": "integer"},
                      "tags": {"type": "array"}}}
      """;

  @Test
  void a_reference_is_two_slugs_joined_by_a_dot() {
    assertThat(ActionSteps.parse("crm.find-person"))
        .contains(new ActionSteps.Reference("crm", "find-person"));
    assertThat(ActionSteps.parse("crm")).isEmpty();
    assertThat(ActionSteps.parse("CRM.find")).isEmpty();
    assertThat(ActionSteps.parse("crm.find.more")).isEmpty();
    assertThat(ActionSteps.parse(null)).isEmpty();
  }

  @Test
  void resolving_fills_in_the_request_under_the_base_url_the_credential_retry_and_binding() {
    RetrySpec actionRetry = new RetrySpec(5, 100L, 1000L);
    ActionDefinition definition =
        new ActionDefinition(
            UUID.randomUUID(),
            "crm",
            "https://api.crm.example/v2/",
            "crm-key",
            "active",
            UUID.randomUUID(),
            "find-person",
            3,
            new ActionSpec(
                "GET",
                "/people/{{ input.id }}",
                Map.of(),
                Map.of("expand", "company"),
                null,
                null,
                null,
                null,
                actionRetry,
                true,
                60,
                null));
    StepSpec written =
        new StepSpec(
            "person",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "crm.find-person",
            ExecutionJson.read("{\"id\": \"{{ input.personId }}\"}"),
            null,
            null);

    StepSpec resolved = ActionSteps.resolve(written, definition);

    assertThat(resolved.request().url())
        .isEqualTo("https://api.crm.example/v2/people/{{ input.id }}");
    assertThat(resolved.request().query()).containsEntry("expand", "company");
    assertThat(resolved.auth()).isEqualTo("crm-key");
    assertThat(resolved.retry()).isEqualTo(actionRetry);
    assertThat(resolved.input()).isEqualTo(written.input());
    assertThat(resolved.binding().actionVersion()).isEqualTo(3);
    assertThat(resolved.binding().cacheTtlSeconds()).isEqualTo(60);
    assertThat(resolved.binding().integration()).isEqualTo("crm");
  }

  @Test
  void known_input_is_checked_and_templated_values_are_left_to_the_run() {
    assertThat(
            ActionSteps.checkKnownInput(
                "steps[0].input",
                ExecutionJson.read("{\"email\": \"{{ input.email }}\", \"age\": \"old\"}"),
                ExecutionJson.read(SCHEMA)))
        .extracting(SpecViolation::field)
        .containsExactly("steps[0].input.age");
    assertThat(
            ActionSteps.checkKnownInput(
                "steps[0].input",
                ExecutionJson.read("{\"email\": \"{{ input.email }}\"}"),
                ExecutionJson.read(SCHEMA)))
        .extracting(SpecViolation::field)
        .containsExactly("steps[0].input.age");
    assertThat(
            ActionSteps.checkKnownInput(
                "steps[0].input",
                ExecutionJson.read(
                    "{\"email\": \"{{ input.email }}\", \"age\": \"{{ input.n }}\"}"),
                ExecutionJson.read(SCHEMA)))
        .isEmpty();
  }
}
