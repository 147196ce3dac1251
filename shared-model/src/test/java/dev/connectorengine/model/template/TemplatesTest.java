package dev.connectorengine.model.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TemplatesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode context =
      json(
          """
          {"input": {"email": "ada@example.com", "count": 3, "tags": ["a", "b"], "vip": true},
           "steps": {"person": {"output": {"id": 42, "company": "Acme", "nothing": null},
                                "response": {"status": 200, "headers": {"content-type": "application/json"}}}},
           "credentials": {"crm": {"apiKey": "k-123"}},
           "execution": {"id": "e-1"},
           "workspace": {"id": "w-1"}}
          """);

  @Test
  void a_lone_template_keeps_the_json_type_of_its_value() {
    JsonNode rendered =
        Templates.render(
            json(
                """
                {"n": "{{ input.count }}", "b": "{{input.vip}}", "list": "{{ input.tags }}",
                 "id": " {{ steps.person.output.id }} ", "obj": "{{ steps.person.output }}"}
                """),
            context);

    assertThat(rendered.get("n").isInt()).isTrue();
    assertThat(rendered.get("n").intValue()).isEqualTo(3);
    assertThat(rendered.get("b").isBoolean()).isTrue();
    assertThat(rendered.get("list")).isEqualTo(json("[\"a\", \"b\"]"));
    assertThat(rendered.get("id").intValue()).isEqualTo(42);
    assertThat(rendered.get("obj").get("company").stringValue()).isEqualTo("Acme");
  }

  @Test
  void templates_inside_text_are_spliced_in_as_text() {
    assertThat(
            Templates.renderText(
                "https://api.test/contacts/{{ steps.person.output.id }}?c={{input.count}}",
                context))
        .isEqualTo("https://api.test/contacts/42?c=3");
    assertThat(Templates.renderText("Bearer {{ credentials.crm.apiKey }}", context))
        .isEqualTo("Bearer k-123");
  }

  @Test
  void nested_objects_and_arrays_are_rendered_and_other_values_kept() {
    JsonNode rendered =
        Templates.render(
            json(
                """
                {"a": [{"x": "{{ input.email }}"}, 7, null], "k": false,
                 "h": "{{ steps.person.response.headers.content-type }}"}
                """),
            context);

    assertThat(rendered)
        .isEqualTo(
            json(
                """
                {"a": [{"x": "ada@example.com"}, 7, null], "k": false, "h": "application/json"}
                """));
  }

  @Test
  void array_indexes_are_followed() {
    assertThat(Templates.renderValue("{{ input.tags[1] }}", context).stringValue()).isEqualTo("b");
  }

  @Test
  void a_lone_template_without_a_value_renders_null() {
    assertThat(Templates.renderValue("{{ input.phone }}", context).isNull()).isTrue();
    assertThat(Templates.renderValue("{{ steps.person.output.nothing }}", context).isNull())
        .isTrue();
    assertThat(Templates.renderValue("{{ steps.other.output.id }}", context).isNull()).isTrue();
    assertThat(Templates.renderText("{{ input.phone }}", context)).isNull();
  }

  @Test
  void a_missing_value_inside_text_is_an_error_naming_the_path() {
    assertThatThrownBy(() -> Templates.renderText("/contacts/{{ input.phone }}", context))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template {{ input.phone }} has no value");
  }

  @Test
  void an_unknown_root_is_an_error_naming_it() {
    assertThatThrownBy(() -> Templates.renderValue("{{ secrets.key }}", context))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("unknown root 'secrets'")
        .hasMessageContaining("input, steps, credentials, execution, workspace");
  }

  @Test
  void malformed_templates_are_errors() {
    assertThatThrownBy(() -> Templates.referencesIn("{{ input.email "))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("unbalanced braces");
    assertThatThrownBy(() -> Templates.referencesIn("x {{ input..email }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("is not a path");
    assertThatThrownBy(() -> Templates.referencesIn("{{ }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("empty template {{ }}");
  }

  @Test
  void references_list_every_path_in_a_json_value() {
    assertThat(
            Templates.referencesIn(
                    json(
                        """
                        {"a": "{{ input.email }}-{{ steps.person.output.id }}",
                         "b": ["{{ credentials.crm.apiKey }}"], "c": 1}
                        """))
                .stream()
                .map(TemplatePath::expression))
        .containsExactly("input.email", "steps.person.output.id", "credentials.crm.apiKey");
  }

  @Test
  void a_path_keeps_names_and_indexes_as_segments() {
    TemplatePath path = TemplatePath.parse(" steps.person.output.items[2].name ");

    assertThat(path.root()).isEqualTo("steps");
    assertThat(path.segments()).containsExactly("steps", "person", "output", "items", 2, "name");
  }

  @Test
  void text_without_templates_is_left_alone() {
    assertThat(Templates.renderText("plain text", context)).isEqualTo("plain text");
    assertThat(Templates.renderValue("plain", context).stringValue()).isEqualTo("plain");
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
