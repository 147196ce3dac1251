package dev.connectorengine.model.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StorableTextTest {

  @Test
  void text_without_nul_or_lone_surrogates_is_storable_as_it_is() {
    String text = "Ada Lovelace — 😀 \t\n";

    assertThat(StorableText.problemIn(text)).isEmpty();
    assertThat(StorableText.clean(text)).isSameAs(text);
  }

  @Test
  void nul_and_lone_surrogates_are_named_and_replaced_but_pairs_are_kept() {
    String text = "a\u0000b\uD800c\uDC00d😀";

    assertThat(StorableText.problemIn(text)).contains("a NUL character (U+0000)");
    assertThat(StorableText.problemIn("x\uDC00")).contains("a lone surrogate (U+DC00)");
    assertThat(StorableText.problemIn("x\uD83D")).contains("a lone surrogate (U+D83D)");
    assertThat(StorableText.clean(text)).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd😀");
  }

  @Test
  void a_json_answer_names_where_the_unstorable_character_is() {
    JsonNode answer =
        ExecutionJson.read("{\"data\": [{\"id\": 7, \"name\": \"a\\u0000b\"}], \"ok\": true}");

    assertThat(StorableText.problemIn(answer))
        .contains("a NUL character (U+0000) at $.data[0].name");
    assertThat(StorableText.problemIn(ExecutionJson.read("{\"k\\u0000\": 1}")))
        .contains("a NUL character (U+0000) in a key at $");
    assertThat(StorableText.clean(answer))
        .isEqualTo(
            ExecutionJson.read("{\"data\": [{\"id\": 7, \"name\": \"a\uFFFDb\"}], \"ok\": true}"));
  }

  @Test
  void a_clean_json_value_is_returned_as_it_is() {
    JsonNode answer = ExecutionJson.read("{\"data\": [1, \"two\"]}");

    assertThat(StorableText.problemIn(answer)).isEmpty();
    assertThat(StorableText.clean(answer)).isSameAs(answer);
  }
}
