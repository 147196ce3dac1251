package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.connectorengine.worker.testdata.ActionSteps.actionStep;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.worker.testdata.ExecutionRow;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Steps that call an integration's action, against WireMock: the action's own input and schema
 * checks, its endpoint under the base URL, and its answer's schema check.
 */
/**
 * Steps that call an integration's action, against WireMock: the action's own input and schema
 * checks, its endpoint under the base URL, and its answer's schema check.
 */
class ActionStepTest extends ActionStepHarness {

  @Test
  void an_action_step_renders_its_input_from_the_run_and_its_request_from_that_input() {
    API.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("email", WireMock.equalTo("ada@example.com"))
            .willReturn(okJson("{\"id\": \"p-1\", \"name\": \"Ada\"}")));
    StepSpec step =
        actionStep("person", API.baseUrl(), path)
            .query(Map.of("email", "{{ input.address }}"))
            .input("{\"address\": \"{{ input.email }}\"}")
            .build();

    ExecutionRow row = run(step, "{\"email\": \"ada@example.com\"}");

    assertThatExecution(row).hasStatus("success");
    assertThat(row.steps().getFirst().output().toString()).contains("\"id\":\"p-1\"");
    assertThat(logsOf(row.id()))
        .singleElement()
        .satisfies(
            log ->
                assertThat(log)
                    .containsEntry("integration", "crm")
                    .containsEntry("action", "find-person")
                    .containsEntry("http_status", 200));
  }

  @Test
  void an_input_that_fails_the_actions_schema_fails_the_step_naming_the_field_without_a_call() {
    StepSpec step =
        actionStep("person", API.baseUrl(), path)
            .input("{\"email\": \"{{ input.email }}\"}")
            .inputSchema(
                "{\"type\": \"object\", \"required\": [\"email\"],"
                    + " \"properties\": {\"email\": {\"type\": \"string\"}}}")
            .build();

    ExecutionRow row = run(step, "{\"email\": 42}");

    assertThatExecution(row)
        .hasStatus("failed")
        .hasErrorMessageContaining("fails its inputSchema", "input.email");
    API.verify(exactly(0), getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void an_answer_that_fails_the_output_schema_fails_the_step_naming_the_path() {
    API.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"id\": 7}")));
    StepSpec step =
        actionStep("person", API.baseUrl(), path)
            .outputSchema(
                "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\"}}}")
            .build();

    ExecutionRow row = run(step, "{}");

    assertThatExecution(row)
        .hasStatus("failed")
        .hasErrorMessageContaining("fails its outputSchema", "$.id");
    assertThat(row.steps().getFirst().httpStatus()).isEqualTo(200);
  }

  @Test
  void a_request_rendered_off_the_integrations_base_url_is_refused_before_it_is_sent() {
    StepSpec step =
        actionStep("person", API.baseUrl(), "{{ input.rest }}")
            .input("{\"rest\": \"{{ input.rest }}\"}")
            .build();

    ExecutionRow row = run(step, "{\"rest\": \"@evil.example.test" + path + "\"}");

    assertThatExecution(row)
        .hasStatus("failed")
        .hasErrorMessageContaining("escapes the integration's base URL");
    assertThat(logsOf(row.id())).isEmpty();
  }

  @Test
  void a_step_saved_without_its_binding_fails_asking_to_save_it_again() {
    StepSpec bound = actionStep("person", API.baseUrl(), path).build();
    StepSpec unbound =
        new StepSpec(
            bound.id(),
            bound.name(),
            bound.request(),
            bound.extract(),
            null,
            null,
            null,
            null,
            bound.action(),
            bound.input(),
            null,
            null);

    ExecutionRow row = run(unbound, "{}");

    assertThatExecution(row).hasStatus("failed").hasErrorMessageContaining("save it again");
  }
}
