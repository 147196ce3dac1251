package dev.connectorengine.model.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Templates with transform chains: parsed once, rendered in requests and field mappings. */
class TemplateTransformsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode context =
      json(
          """
          {"input": {"email": "  Ada@Example.COM ", "age": "36", "tags": ["a", "b"],
                     "csv": "x,y", "nickname": "", "signedUpAt": "2024-05-01T22:30:00+02:00"},
           "steps": {"person": {"output": {"age": "41"}}}}
          """);

  @Test
  void a_chain_applies_its_transforms_in_order() {
    assertThat(Templates.renderText("{{ input.email | trim | lowercase }}", context))
        .isEqualTo("ada@example.com");
    assertThat(Templates.renderText("{{input.email|lowercase|trim|uppercase}}", context))
        .isEqualTo("ADA@EXAMPLE.COM");
  }

  @Test
  void a_lone_template_keeps_the_transformed_type() {
    JsonNode body =
        Templates.render(
            json(
                """
                {"age": "{{ input.age | toNumber }}", "n": " {{ input.tags | size }} ",
                 "parts": "{{ input.csv | split: \\",\\" }}",
                 "person": "{{ steps.person.output.age | toNumber }}"}
                """),
            context);

    assertThat(body)
        .isEqualTo(json("{\"age\": 36, \"n\": 2, \"parts\": [\"x\", \"y\"], \"person\": 41}"));
  }

  @Test
  void inside_longer_text_the_transformed_value_is_spliced_as_text() {
    assertThat(
            Templates.renderText(
                "/people?age={{ input.age | toNumber }}&tags={{ input.tags | join: \";\" }}"
                    + "&on={{ input.signedUpAt | dateFormat: \"yyyy-MM-dd\" }}",
                context))
        .isEqualTo("/people?age=36&tags=a;b&on=2024-05-01");
  }

  @Test
  void a_missing_value_passes_through_and_default_fills_it_in() {
    assertThat(Templates.renderValue("{{ input.phone | trim | lowercase }}", context).isNull())
        .isTrue();
    assertThat(Templates.renderText("{{ input.phone | trim }}", context)).isNull();
    assertThat(Templates.renderText("{{ input.nickname | default: \"anon\" }}", context))
        .isEqualTo("anon");
    assertThat(Templates.renderValue("{{ input.phone | default: 0 }}", context).isInt()).isTrue();
    assertThatThrownBy(() -> Templates.renderText("tel:{{ input.phone | trim }}", context))
        .hasMessage("template {{ input.phone | trim }} has no value");
  }

  @Test
  void a_quoted_argument_may_hold_pipes_commas_braces_and_escapes() {
    assertThat(Templates.renderText("{{ input.csv | replace: \",\", \" | \" }}", context))
        .isEqualTo("x | y");
    assertThat(Templates.renderText("[{{ input.tags | join: \"}},{{\" }}]", context))
        .isEqualTo("[a}},{{b]");
    assertThat(Templates.renderText("{{ input.tags | join: \"\\\"\\u00e9\" }}", context))
        .isEqualTo("a\"éb");
    assertThat(TemplateText.of("{{ input.csv | split: \"|\" | first }}").paths())
        .extracting(TemplatePath::expression)
        .containsExactly("input.csv");
  }

  @Test
  void a_failing_transform_names_the_template_and_the_transform() {
    assertThatThrownBy(() -> Templates.renderValue("{{ input.email | toNumber }}", context))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "template {{ input.email | toNumber }} cannot apply toNumber: '  Ada@Example.COM '"
                + " is not a number");
    assertThatThrownBy(() -> Templates.renderValue("{{ input.email | join: \",\" }}", context))
        .hasMessage(
            "template {{ input.email | join: \",\" }} cannot apply join: needs an array, got a"
                + " string");
  }

  @Test
  void transforms_are_checked_when_the_text_is_parsed() {
    assertThatThrownBy(() -> TemplateText.of("{{ input.x | shout }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(
            "template {{ input.x | shout }}: unknown transform 'shout'; known transforms:");
    assertThatThrownBy(() -> TemplateText.of("{{ input.x | shout: x }}"))
        .hasMessageStartingWith("template {{ input.x | shout: x }}: unknown transform 'shout'");
    assertThatThrownBy(() -> TemplateText.of("{{ input.x | default }}"))
        .hasMessage(
            "template {{ input.x | default }}: default takes 1 argument, got 0; write default:"
                + " \"anon\"");
    assertThatThrownBy(() -> TemplateText.of("{{ input.x | join: x }}"))
        .hasMessageStartingWith("template {{ input.x | join: x }}: join's argument x is not");
    assertThatThrownBy(() -> TemplateText.of("{{ input.x | join: [1] }}"))
        .hasMessageContaining("join's argument [1] is not a JSON literal");
    assertThatThrownBy(() -> TemplateText.of("{{ input.x | trim | }}"))
        .hasMessage("template {{ input.x | trim | }} has an empty transform");
    assertThatThrownBy(() -> TemplateText.of("{{ | trim }}"))
        .hasMessage("template {{ | trim }} must start with a path before its first |");
  }

  @Test
  void an_unclosed_quote_is_refused() {
    assertThatThrownBy(() -> TemplateText.of("{{ input.x | default: \"a }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template in '{{ input.x | default: \"a }}' has an unclosed quote");
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
