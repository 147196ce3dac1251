package dev.connectorengine.model.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.model.execution.ExecutionJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TemplateTextTest {

  private static final JsonNode CONTEXT =
      ExecutionJson.read("{\"input\": {\"n\": 7, \"name\": \"Ada\"}, \"step\": {\"id\": \"s1\"}}");

  @Test
  void a_string_is_parsed_once_and_rendered_again_and_again_from_its_parts() {
    TemplateText text = TemplateText.of("/people/{{ input.name }}/{{ step.id }}?n={{ input.n }}");

    assertThat(TemplateText.of("/people/{{ input.name }}/{{ step.id }}?n={{ input.n }}"))
        .isSameAs(text);
    assertThat(text.paths())
        .extracting(TemplatePath::expression)
        .containsExactly("input.name", "step.id", "input.n");
    assertThat(text.renderText(CONTEXT)).isEqualTo("/people/Ada/s1?n=7");
  }

  @Test
  void a_lone_template_keeps_its_values_type() {
    assertThat(TemplateText.of(" {{ input.n }} ").renderValue(CONTEXT).isNumber()).isTrue();
    assertThat(TemplateText.of("{{ input.missing }}").renderText(CONTEXT)).isNull();
  }

  @Test
  void templates_without_pipes_parse_as_before() {
    assertThat(TemplateText.of("{{input.name}}").renderValue(CONTEXT).stringValue())
        .isEqualTo("Ada");
    assertThat(TemplateText.of(" {{ input.n }}{{ input.n }} ").renderValue(CONTEXT).stringValue())
        .isEqualTo(" 77 ");
    assertThat(TemplateText.of("a } b").renderText(CONTEXT)).isEqualTo("a } b");
    assertThatThrownBy(() -> TemplateText.of("{{\ninput.n\n}}"))
        .hasMessageContaining("unbalanced braces");
    assertThatThrownBy(() -> TemplateText.of("{{ {input.n }}"))
        .hasMessageContaining("unbalanced braces");
    assertThatThrownBy(() -> TemplateText.of("a }} b")).hasMessageContaining("unbalanced braces");
  }

  @Test
  void a_string_that_does_not_parse_is_refused_every_time() {
    assertThatThrownBy(() -> TemplateText.of("a {{ input.n }"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("unbalanced braces");
    assertThatThrownBy(() -> TemplateText.of("a {{ input.n }"))
        .isInstanceOf(TemplateException.class);
  }
}
