package dev.connectorengine.model.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ConnectorSpecValidatorTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  // DESIGN.md's example connector, the part that is the spec.
  private static final String EXAMPLE =
      """
      {
        "inputSchema": {"type": "object", "required": ["email"],
                        "properties": {"email": {"type": "string", "format": "email"}}},
        "timeoutMs": 30000, "maxRetries": 3, "continueOnError": false,
        "steps": [
          {"id": "person", "name": "Find person",
           "request": {"method": "GET", "url": "https://api.example.com/people",
                       "query": {"email": "{{ input.email }}"},
                       "headers": {"Authorization": "Bearer {{ credentials.example.apiKey }}"}},
           "extract": {"id": "$.data[0].id", "company": "$.data[0].company"}},
          {"id": "company", "name": "Enrich company", "timeoutMs": 5000,
           "request": {"method": "POST", "url": "https://api.example.com/companies/enrich",
                       "body": {"personId": "{{ steps.person.output.id }}",
                                "company": "{{ steps.person.output.company }}"}},
           "extract": {"name": "$.company.name", "size": "$.company.size"}},
          {"id": "update", "name": "Update contact",
           "request": {"method": "PUT",
                       "url": "https://api.example.com/contacts/{{ steps.person.output.id }}",
                       "body": {"companyName": "{{ steps.company.output.name }}",
                                "employees": "{{ steps.company.output.size }}"}}}
        ],
        "fieldMappings": {"personId": "{{ steps.person.output.id }}",
                          "companyName": "{{ steps.company.output.name }}"}
      }
      """;

  private final ConnectorSpecValidator validator = new ConnectorSpecValidator();

  @Test
  void the_design_example_has_no_violations() {
    assertThat(validator.validate(spec(example()))).isEmpty();
  }

  @Test
  void a_spec_needs_at_least_one_step() {
    ObjectNode spec = example();
    spec.putArray("steps");
    spec.remove("fieldMappings");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(new SpecViolation("steps", "must have at least one step"));
  }

  @Test
  void a_spec_has_at_most_fifty_steps() {
    ObjectNode spec = example();
    var steps = spec.putArray("steps");
    for (int i = 0; i < 51; i++) {
      steps
          .addObject()
          .put("id", "s" + i)
          .putObject("request")
          .put("method", "GET")
          .put("url", "https://example.com/");
    }
    spec.remove("fieldMappings");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(new SpecViolation("steps", "must have at most 50 steps, has 51"));
  }

  @Test
  void step_ids_must_be_present_well_formed_and_unique() {
    ObjectNode spec = example();
    step(spec, 0).remove("id");
    step(spec, 1).put("id", "2bad id");
    step(spec, 2).put("id", "company");
    spec.remove("fieldMappings");
    // the templates naming "person" now name an unknown step; only the id rules are asserted here
    assertThat(validator.validate(spec(spec)))
        .contains(
            new SpecViolation("steps[0].id", "is required"),
            new SpecViolation(
                "steps[1].id",
                "'2bad id' must start with a letter or _ and hold only letters, digits, _ and -"
                    + " (at most 64)"));

    ObjectNode duplicate = example();
    step(duplicate, 2).put("id", "person");
    assertThat(validator.validate(spec(duplicate)))
        .containsExactly(
            new SpecViolation("steps[2].id", "duplicate step id 'person' (also steps[0])"));
  }

  @Test
  void the_method_must_be_a_known_http_method() {
    ObjectNode spec = example();
    request(spec, 1).put("method", "TRACE");
    request(spec, 2).remove("method");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[1].request.method", "'TRACE' must be one of GET, POST, PUT, PATCH, DELETE"),
            new SpecViolation("steps[2].request.method", "is required"));
  }

  @Test
  void the_url_must_be_present_and_absolute_http() {
    ObjectNode spec = example();
    request(spec, 0).put("url", "ftp://files.example.com/x");
    request(spec, 1).put("url", "/relative/path");
    request(spec, 2).remove("url");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[0].request.url",
                "must be an absolute http:// or https:// URL: 'ftp://files.example.com/x'"),
            new SpecViolation(
                "steps[1].request.url",
                "must be an absolute http:// or https:// URL: '/relative/path'"),
            new SpecViolation("steps[2].request.url", "is required"));
  }

  @Test
  void templates_may_fill_in_the_host_but_not_the_scheme() {
    ObjectNode spec = example();
    request(spec, 0).put("url", "https://{{ input.region }}.example.com/people");
    request(spec, 1).put("url", "{{ input.baseUrl }}/companies");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[1].request.url",
                "must be an absolute http:// or https:// URL: '{{ input.baseUrl }}/companies'"));
  }

  @Test
  void a_template_that_does_not_parse_names_its_field() {
    ObjectNode spec = example();
    request(spec, 0).putObject("query").put("email", "{{ input.email ");
    request(spec, 1).putObject("body").put("personId", "{{ secrets.key }}");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[0].request.query.email",
                "template in '{{ input.email ' has unbalanced braces"),
            new SpecViolation(
                "steps[1].request.body.personId",
                "template {{ secrets.key }} starts with unknown root 'secrets'; expected one of"
                    + " input, steps, credentials, execution, workspace, step, response"));
  }

  @Test
  void step_id_is_known_in_a_step_request_but_not_in_field_mappings() {
    ObjectNode spec = example();
    request(spec, 0)
        .putObject("headers")
        .put("Idempotency-Key", "{{ execution.id }}-{{ step.id }}");
    request(spec, 1).putObject("body").put("personId", "{{ step.name }}");
    spec.putObject("fieldMappings").put("which", "{{ step.id }}");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[1].request.body.personId",
                "template {{ step.name }} is unknown; only step.id exists"),
            new SpecViolation(
                "fieldMappings.which",
                "template {{ step.id }} has no value here; step.id exists in a step's request"
                    + " only"));
  }

  @Test
  void a_step_may_only_read_earlier_steps() {
    ObjectNode spec = example();
    request(spec, 0).putObject("headers").put("X-Company", "{{ steps.company.output.name }}");
    request(spec, 1).put("url", "https://api.example.com/{{ steps.company.output.name }}");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[0].request.headers.X-Company",
                "template {{ steps.company.output.name }} refers to step 'company', which runs"
                    + " later; only earlier steps' results exist when a step runs"),
            new SpecViolation(
                "steps[1].request.url",
                "template {{ steps.company.output.name }} refers to its own step 'company'; only"
                    + " earlier steps' results exist when a step runs"));
  }

  @Test
  void a_step_reference_must_name_a_known_step_and_an_extracted_output() {
    ObjectNode spec = example();
    request(spec, 2)
        .putObject("body")
        .put("a", "{{ steps.nobody.output.id }}")
        .put("b", "{{ steps.person.output.email }}")
        .put("c", "{{ steps.person.response.code }}")
        .put("d", "{{ steps.person.result }}")
        .put("e", "{{ steps.person.response.status }}")
        .put("f", "{{ steps.person.response.body.data[0] }}");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[2].request.body.a",
                "template {{ steps.nobody.output.id }} refers to unknown step 'nobody'"),
            new SpecViolation(
                "steps[2].request.body.b",
                "template {{ steps.person.output.email }} must name an output that step 'person'"
                    + " extracts: company, id"),
            new SpecViolation(
                "steps[2].request.body.c",
                "template {{ steps.person.response.code }} must read response.status,"
                    + " response.body or response.headers"),
            new SpecViolation(
                "steps[2].request.body.d",
                "template {{ steps.person.result }} must continue with output.<name> or"
                    + " response.status|body|headers after the step id"));
  }

  @Test
  void credential_execution_and_workspace_templates_have_a_fixed_shape() {
    ObjectNode spec = example();
    request(spec, 0)
        .putObject("headers")
        .put("A", "{{ credentials.example }}")
        .put("B", "{{ execution.attempt }}")
        .put("C", "{{ workspace.id }}-{{ execution.id }}");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[0].request.headers.A",
                "template {{ credentials.example }} must look like"
                    + " credentials.<service>.<valueName>"),
            new SpecViolation(
                "steps[0].request.headers.B",
                "template {{ execution.attempt }} is unknown; only execution.id exists"));
  }

  @Test
  void field_mappings_may_read_every_step_and_must_be_an_object() {
    ObjectNode spec = example();
    ((ObjectNode) spec.get("fieldMappings"))
        .put("updated", "{{ steps.update.response.status }}")
        .putArray("list")
        .add("{{ steps.ghost.output.x }}");
    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "fieldMappings.list[0]",
                "template {{ steps.ghost.output.x }} refers to unknown step 'ghost'"));

    ObjectNode notObject = example();
    notObject.putArray("fieldMappings").add("{{ input.email }}");
    assertThat(validator.validate(spec(notObject)))
        .containsExactly(
            new SpecViolation(
                "fieldMappings", "must be a JSON object, or one template for the whole output"));

    ObjectNode whole = example();
    whole.put("fieldMappings", "{{ steps.ghost.output }}");
    assertThat(validator.validate(spec(whole)))
        .extracting(SpecViolation::field)
        .containsExactly("fieldMappings");
    whole.put("fieldMappings", "{{ steps." + whole.at("/steps/0/id").stringValue() + ".output }}");
    assertThat(validator.validate(spec(whole))).isEmpty();
  }

  @Test
  void extract_paths_must_be_valid_json_paths() {
    ObjectNode spec = example();
    ((ObjectNode) step(spec, 0).get("extract")).put("id", "data.id").put("company", "$.data[0");
    ((ObjectNode) step(spec, 1).get("extract")).put("bad name", "$.x");

    List<SpecViolation> violations = validator.validate(spec(spec));

    assertThat(violations)
        .extracting(SpecViolation::field)
        .containsExactly(
            "steps[0].extract.id", "steps[0].extract.company", "steps[1].extract.bad name");
    assertThat(violations.get(0).message()).isEqualTo("JSON path must start with $");
    assertThat(violations.get(1).message()).startsWith("invalid JSON path: ");
    assertThat(violations.get(2).message())
        .isEqualTo(
            "output name must start with a letter or _ and hold only letters, digits, _ and -");
  }

  @Test
  void limits_of_timeouts_and_retries_are_checked() {
    ObjectNode spec = example();
    spec.put("timeoutMs", 0).put("maxRetries", 11);
    step(spec, 1).put("timeoutMs", 3_600_001);
    step(spec, 2)
        .putObject("retry")
        .put("maxRetries", -1)
        .put("initialBackoffMs", 500)
        .put("maxBackoffMs", 100);

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation("steps[1].timeoutMs", "must be between 1 and 3600000, was 3600001"),
            new SpecViolation("steps[2].retry.maxRetries", "must be between 0 and 10, was -1"),
            new SpecViolation(
                "steps[2].retry.maxBackoffMs", "must not be less than initialBackoffMs"),
            new SpecViolation("timeoutMs", "must be between 1 and 3600000, was 0"),
            new SpecViolation("maxRetries", "must be between 0 and 10, was 11"));
  }

  @Test
  void the_input_schema_must_be_a_valid_json_schema_of_an_object() {
    ObjectNode spec = example();
    ObjectNode schema = spec.putObject("inputSchema");
    schema.put("type", "array");
    schema.put("required", "email");
    schema.putObject("properties").putObject("email").put("minLength", -1);

    assertThat(validator.validate(spec(spec)))
        .containsExactlyInAnyOrder(
            new SpecViolation("inputSchema.type", "must be \"object\": an input is a JSON object"),
            new SpecViolation("inputSchema.required", "string found, array expected"),
            new SpecViolation(
                "inputSchema.properties.email.minLength", "must have a minimum value of 0"));
  }

  @Test
  void the_input_schema_may_not_reference_remote_schemas_or_use_bad_patterns() {
    ObjectNode spec = example();
    ObjectNode properties = spec.putObject("inputSchema").putObject("properties");
    properties.putObject("a").put("$ref", "https://evil.example.com/schema.json");
    properties.putObject("b").put("pattern", "[");

    List<SpecViolation> violations = validator.validate(spec(spec));

    assertThat(violations)
        .extracting(SpecViolation::field)
        .containsExactly("inputSchema.properties.a.$ref", "inputSchema.properties.b.pattern");
    assertThat(violations.getFirst().message())
        .isEqualTo("only local references (#/...) are allowed");
  }

  @Test
  void header_and_query_values_must_be_strings() {
    ObjectNode spec = example();
    request(spec, 0).putObject("headers").putNull("X-Empty").put("Bad Name", "x");
    request(spec, 0).putObject("query").putNull("email");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation("steps[0].request.headers.X-Empty", "must be a string, not null"),
            new SpecViolation("steps[0].request.headers.Bad Name", "is not a valid header name"),
            new SpecViolation("steps[0].request.query.email", "must be a string, not null"));
  }

  @Test
  void the_input_schema_must_compile_with_its_references_resolved() {
    ObjectNode spec = example();
    spec.putObject("inputSchema")
        .putObject("properties")
        .putObject("a")
        .put("$ref", "#/$defs/missing");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "inputSchema",
                "is not a usable JSON Schema: Reference /$defs/missing cannot be resolved"));
  }

  @Test
  void a_step_auth_must_be_shaped_like_a_service_name_though_the_credential_may_not_exist_yet() {
    ObjectNode spec = example();
    step(spec, 0).put("auth", "not-created-yet");
    step(spec, 1).put("auth", "Bad Name");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[1].auth",
                "must match [a-z0-9][a-z0-9_-]{0,63}: lower-case letters, digits, _ and -"));
  }

  @Test
  void every_violation_is_reported_at_once() {
    ObjectNode spec = example();
    spec.put("timeoutMs", -5);
    request(spec, 0).put("method", "get");
    request(spec, 1).put("url", "nope");
    ((ObjectNode) spec.get("fieldMappings")).put("x", "{{ steps.person.output.nothing }}");

    assertThat(validator.validate(spec(spec)))
        .extracting(SpecViolation::field)
        .containsExactly(
            "steps[0].request.method", "steps[1].request.url", "timeoutMs", "fieldMappings.x");
  }

  @Test
  void an_unknown_transform_is_refused_at_save_time_naming_its_field() {
    ObjectNode spec = example();
    request(spec, 0).put("url", "https://api.example.com/people/{{ input.x | shout }}");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[0].request.url",
                "template {{ input.x | shout }}: unknown transform 'shout'; known transforms:"
                    + " lowercase, uppercase, trim, toNumber, toString, toBoolean, default,"
                    + " dateFormat, join, split, replace, first, last, size"));
  }

  @Test
  void a_url_template_whose_argument_holds_closing_braces_is_still_one_template() {
    ObjectNode spec = example();
    request(spec, 0).put("url", "https://api.example.com/{{ input.path | default: \"a}}b\" }}");

    assertThat(validator.validate(spec(spec))).isEmpty();
  }

  @Test
  void transforms_with_wrong_arguments_are_refused_and_good_chains_pass() {
    ObjectNode spec = example();
    request(spec, 1)
        .putObject("body")
        .put("personId", "{{ steps.person.output.id | toNumber }}")
        .put("company", "{{ steps.person.output.company | trim | default: \"none\" }}")
        .put("tags", "{{ input.tags | join }}");
    spec.putObject("fieldMappings").put("email", "{{ input.email | lowercase: \"x\" }}");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[1].request.body.tags",
                "template {{ input.tags | join }}: join takes 1 argument, got 0; write join:"
                    + " \", \""),
            new SpecViolation(
                "fieldMappings.email",
                "template {{ input.email | lowercase: \"x\" }}: lowercase takes no arguments, got"
                    + " 1; write lowercase"));
  }

  @Test
  void a_connector_may_not_read_the_response_root() {
    ObjectNode spec = example();
    request(spec, 1).putObject("body").put("status", "{{ response.status }}");
    spec.putObject("fieldMappings").put("body", "{{ response.body.id | toString }}");

    assertThat(validator.validate(spec(spec)))
        .containsExactly(
            new SpecViolation(
                "steps[1].request.body.status",
                "template {{ response.status }} reads response, which is only known in an"
                    + " action's outputMapping; use steps.<id>.response"),
            new SpecViolation(
                "fieldMappings.body",
                "template {{ response.body.id }} reads response, which is only known in an"
                    + " action's outputMapping; use steps.<id>.response"));
  }

  static ObjectNode example() {
    return (ObjectNode) JSON.readTree(EXAMPLE);
  }

  private static ObjectNode step(ObjectNode spec, int index) {
    return (ObjectNode) spec.get("steps").get(index);
  }

  private static ObjectNode request(ObjectNode spec, int index) {
    return (ObjectNode) step(spec, index).get("request");
  }

  static ConnectorSpec spec(ObjectNode json) {
    return JSON.treeToValue(json, ConnectorSpec.class);
  }
}
