package dev.connectorengine.model.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.connector.SpecViolation;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ActionSpecValidatorTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String FIND_PERSON =
      """
      {"method": "GET", "endpointTemplate": "/people/{{ input.id }}?expand=company",
       "headers": {"Authorization": "Bearer {{ credentials.crm.apiKey }}",
                   "Idempotency-Key": "{{ execution.id }}-{{ step.id }}"},
       "query": {"email": "{{ input.email }}", "workspace": "{{ workspace.id }}"},
       "inputSchema": {"type": "object", "required": ["email"],
                       "properties": {"email": {"type": "string"}}},
       "outputSchema": {"type": "object", "properties": {"id": {"type": "string"}}},
       "pagination": {"style": "cursor", "itemsPath": "$.data", "maxPages": 5,
                      "cursorPath": "$.next", "cursorParam": "cursor"},
       "retry": {"maxRetries": 2, "initialBackoffMs": 100, "maxBackoffMs": 1000},
       "cacheable": true, "cacheTtlSeconds": 300,
       "outputMapping": {"email": "{{ input.email }}"}}
      """;

  private final ActionSpecValidator validator = new ActionSpecValidator();

  @Test
  void a_complete_action_has_no_violations() {
    assertThat(validator.validate(spec(example()), "crm")).isEmpty();
  }

  @Test
  void an_endpoint_that_could_leave_the_base_url_is_refused_naming_endpointTemplate() {
    for (String endpoint :
        List.of(
            "//evil.test/x",
            "https://evil.test",
            "/../x",
            "/a/%2e%2e/x",
            "{{ input.host }}/x",
            "/x#fragment",
            "/x\\y",
            "/x y")) {
      ObjectNode spec = example().put("endpointTemplate", endpoint);

      List<SpecViolation> violations = validator.validate(spec(spec), "crm");

      assertThat(violations).as(endpoint).hasSize(1);
      assertThat(violations.getFirst().field()).isEqualTo("endpointTemplate");
      assertThat(violations.getFirst().message()).contains("escapes the integration's base URL");
    }
  }

  @Test
  void an_endpoint_is_required_and_a_query_only_one_is_allowed() {
    ObjectNode missing = example();
    missing.remove("endpointTemplate");

    assertThat(validator.validate(spec(missing), "crm"))
        .containsExactly(new SpecViolation("endpointTemplate", "is required"));
    assertThat(validator.validate(spec(example().put("endpointTemplate", "?q=1")), "crm"))
        .isEmpty();
  }

  @Test
  void templates_may_not_read_steps_or_another_credential() {
    ObjectNode spec = example();
    ((ObjectNode) spec.get("headers")).put("X-Other", "{{ credentials.github.token }}");
    ((ObjectNode) spec.get("query")).put("prev", "{{ steps.person.output.id }}");
    spec.putObject("body").put("broken", "{{ input.email");

    List<SpecViolation> violations = validator.validate(spec(spec), "crm");

    assertThat(violations)
        .extracting(SpecViolation::field)
        .containsExactlyInAnyOrder("headers.X-Other", "query.prev", "body.broken");
    assertThat(violations)
        .filteredOn(v -> v.field().equals("headers.X-Other"))
        .first()
        .extracting(SpecViolation::message)
        .asString()
        .contains("credentials.crm.<valueName>");
  }

  @Test
  void an_integration_without_credential_lets_no_template_read_one() {
    List<SpecViolation> violations = validator.validate(spec(example()), null);

    assertThat(violations)
        .extracting(SpecViolation::field)
        .containsExactly("headers.Authorization");
  }

  @Test
  void an_unknown_template_root_is_named_with_the_parsers_message() {
    ObjectNode spec = example().put("endpointTemplate", "/people/{{ secrets.id }}");

    List<SpecViolation> violations = validator.validate(spec(spec), "crm");

    assertThat(violations).hasSize(1);
    assertThat(violations.getFirst().field()).isEqualTo("endpointTemplate");
    assertThat(violations.getFirst().message()).contains("unknown root 'secrets'");
  }

  @Test
  void an_invalid_schema_is_named_by_its_path() {
    ObjectNode spec = example();
    ((ObjectNode) spec.at("/outputSchema/properties/id")).put("type", "strin");
    ((ObjectNode) spec.get("inputSchema")).put("type", "array");

    List<SpecViolation> violations = validator.validate(spec(spec), "crm");

    assertThat(violations)
        .extracting(SpecViolation::field)
        .contains("outputSchema.properties.id.type", "inputSchema.type");
  }

  @Test
  void pagination_needs_a_style_its_paths_and_its_parameters() {
    ObjectNode spec = example();
    spec.putObject("pagination")
        .put("style", "cursor")
        .put("itemsPath", "data")
        .put("maxPages", 101)
        .put("cursorPath", "$..[");
    ObjectNode page = example();
    page.putObject("pagination")
        .put("style", "page")
        .put("itemsPath", "$.items")
        .put("startPage", -1);
    ObjectNode unknown = example();
    unknown.putObject("pagination").put("style", "offset").put("itemsPath", "$.items");

    assertThat(validator.validate(spec(spec), "crm"))
        .extracting(SpecViolation::field)
        .containsExactlyInAnyOrder(
            "pagination.itemsPath",
            "pagination.maxPages",
            "pagination.cursorPath",
            "pagination.cursorParam");
    assertThat(validator.validate(spec(page), "crm"))
        .extracting(SpecViolation::field)
        .containsExactlyInAnyOrder("pagination.pageParam", "pagination.startPage");
    assertThat(validator.validate(spec(unknown), "crm"))
        .extracting(SpecViolation::field)
        .containsExactly("pagination.style");
  }

  @Test
  void caching_needs_a_ttl_of_one_second_to_a_day_and_a_ttl_needs_caching() {
    ObjectNode noTtl = example();
    noTtl.remove("cacheTtlSeconds");
    ObjectNode tooLong = example().put("cacheTtlSeconds", 86_401);
    ObjectNode notCacheable = example().put("cacheable", false);

    for (ObjectNode spec : List.of(noTtl, tooLong, notCacheable)) {
      assertThat(validator.validate(spec(spec), "crm"))
          .extracting(SpecViolation::field)
          .containsExactly("cacheTtlSeconds");
    }
  }

  @Test
  void retry_follows_the_step_rules_and_the_method_must_be_known() {
    ObjectNode spec = example().put("method", "FETCH");
    ((ObjectNode) spec.get("retry")).put("maxRetries", 11);

    assertThat(validator.validate(spec(spec), "crm"))
        .extracting(SpecViolation::field)
        .containsExactlyInAnyOrder("method", "retry.maxRetries");
  }

  @Test
  void an_output_mapping_is_an_object_reading_input_and_response_only() {
    ObjectNode notObject = example();
    notObject.putArray("outputMapping").add("{{ input.email }}");
    ObjectNode credential = example();
    ((ObjectNode) credential.get("outputMapping")).put("key", "{{ credentials.crm.apiKey }}");
    ObjectNode response = example();
    ((ObjectNode) response.get("outputMapping")).put("id", "{{ response.body.id }}");

    assertThat(validator.validate(spec(notObject), "crm"))
        .containsExactly(new SpecViolation("outputMapping", "must be a JSON object"));
    assertThat(validator.validate(spec(credential), "crm"))
        .extracting(SpecViolation::field)
        .containsExactly("outputMapping.key");
    assertThat(validator.validate(spec(response), "crm")).isEmpty();
  }

  private static ObjectNode example() {
    return (ObjectNode) JSON.readTree(FIND_PERSON);
  }

  private static ActionSpec spec(ObjectNode node) {
    return JSON.treeToValue(node, ActionSpec.class);
  }
}
