package dev.connectorengine.model.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class InputValidatorTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final JsonNode SCHEMA =
      JSON.readTree(
          """
          {"type": "object", "required": ["email"],
           "properties": {"email": {"type": "string", "format": "email"},
                          "tags": {"type": "array", "items": {"type": "string"}},
                          "address": {"type": "object", "required": ["city"]}}}
          """);

  private final InputValidator validator = new InputValidator();

  @Test
  void a_valid_input_has_no_violations() {
    assertThat(validator.validate(SCHEMA, JSON.readTree("{\"email\": \"ada@example.com\"}")))
        .isEmpty();
  }

  @Test
  void a_missing_required_field_is_named() {
    assertThat(validator.validate(SCHEMA, JSON.readTree("{}")))
        .containsExactly(new SpecViolation("input.email", "required property 'email' not found"));
  }

  @Test
  void wrong_types_and_formats_are_named_with_their_path() {
    JsonNode input =
        JSON.readTree("{\"email\": \"not-an-address\", \"tags\": [\"a\", 7], \"address\": {}}");

    assertThat(validator.validate(SCHEMA, input))
        .extracting(SpecViolation::field)
        .containsExactlyInAnyOrder("input.email", "input.tags[1]", "input.address.city");
    assertThat(validator.validate(SCHEMA, input))
        .contains(new SpecViolation("input.tags[1]", "integer found, string expected"));
  }

  @Test
  void an_input_must_be_an_object_even_without_a_schema() {
    assertThat(validator.validate(null, JSON.readTree("[1]")))
        .containsExactly(new SpecViolation("input", "must be a JSON object"));
    assertThat(validator.validate(null, JSON.readTree("{\"any\": 1}"))).isEmpty();
  }
}
