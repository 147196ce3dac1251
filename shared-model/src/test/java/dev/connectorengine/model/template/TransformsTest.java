package dev.connectorengine.model.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/** Each transform's rule on its own, through the catalogue. */
class TransformsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void lowercase_uppercase_and_trim_change_text() {
    assertThat(apply("lowercase", "\"Ada@Example.COM\"")).isEqualTo(json("\"ada@example.com\""));
    assertThat(apply("uppercase", "\"istanbul\"")).isEqualTo(json("\"ISTANBUL\""));
    assertThat(apply("trim", "\"  ada \\n\"")).isEqualTo(json("\"ada\""));
  }

  @Test
  void text_transforms_refuse_other_types() {
    assertThatThrownBy(() -> apply("lowercase", "{\"a\": 1}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("needs a string, got an object");
    assertThatThrownBy(() -> apply("trim", "3"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("needs a string, got a number");
  }

  @Test
  void to_number_reads_integers_and_decimals_and_keeps_numbers() {
    assertThat(apply("toNumber", "\" 42 \"")).isEqualTo(json("42"));
    assertThat(apply("toNumber", "\"12.5\"").doubleValue()).isEqualTo(12.5);
    assertThat(apply("toNumber", "\"12345678901\"").longValue()).isEqualTo(12_345_678_901L);
    assertThat(apply("toNumber", "\"-1e3\"").doubleValue()).isEqualTo(-1000.0);
    assertThat(apply("toNumber", "7.25")).isEqualTo(json("7.25"));
  }

  @Test
  void to_number_refuses_text_that_is_no_number_showing_its_first_50_chars() {
    assertThatThrownBy(() -> apply("toNumber", "\"NaN\"")).hasMessage("'NaN' is not a number");
    String longText = "x".repeat(80);
    assertThatThrownBy(() -> apply("toNumber", "\"" + longText + "\""))
        .hasMessage("'" + "x".repeat(50) + "...' is not a number");
    assertThatThrownBy(() -> apply("toNumber", "true")).hasMessageContaining("got a boolean");
  }

  @Test
  void to_string_writes_values_as_text_and_containers_as_json() {
    assertThat(apply("toString", "42")).isEqualTo(json("\"42\""));
    assertThat(apply("toString", "true")).isEqualTo(json("\"true\""));
    assertThat(apply("toString", "{\"a\": [1, \"b\"]}"))
        .isEqualTo(json("\"{\\\"a\\\":[1,\\\"b\\\"]}\""));
    assertThat(apply("toString", "null").isNull()).isTrue();
  }

  @Test
  void to_boolean_reads_true_false_one_and_zero_in_any_case() {
    assertThat(apply("toBoolean", "\"TRUE\"")).isEqualTo(json("true"));
    assertThat(apply("toBoolean", "\"false\"")).isEqualTo(json("false"));
    assertThat(apply("toBoolean", "1")).isEqualTo(json("true"));
    assertThat(apply("toBoolean", "\"0\"")).isEqualTo(json("false"));
    assertThat(apply("toBoolean", "false")).isEqualTo(json("false"));
    assertThatThrownBy(() -> apply("toBoolean", "\"yes\"")).hasMessage("'yes' is not a boolean");
    assertThatThrownBy(() -> apply("toBoolean", "2")).hasMessage("'2' is not a boolean");
  }

  @Test
  void default_replaces_null_and_empty_text_only() {
    Transform anon = Transforms.of("default", List.of(json("\"anon\"")));

    assertThat(anon.apply(NullNode.getInstance())).isEqualTo(json("\"anon\""));
    assertThat(anon.apply(json("\"\""))).isEqualTo(json("\"anon\""));
    assertThat(anon.apply(json("\" \""))).isEqualTo(json("\" \""));
    assertThat(anon.apply(json("0"))).isEqualTo(json("0"));
    assertThat(Transforms.of("default", List.of(json("0"))).apply(NullNode.getInstance()))
        .isEqualTo(json("0"));
  }

  @Test
  void date_format_writes_instants_offsets_dates_and_epoch_millis_in_utc() {
    assertThat(apply("dateFormat", "\"2024-05-01T22:30:00+02:00\"", "\"yyyy-MM-dd HH:mm\""))
        .isEqualTo(json("\"2024-05-01 20:30\""));
    assertThat(apply("dateFormat", "\"2024-05-01T10:00:00Z\"", "\"dd.MM.yyyy\""))
        .isEqualTo(json("\"01.05.2024\""));
    assertThat(apply("dateFormat", "\"2024-05-01\"", "\"yyyy-MM-dd'T'HH:mmX\""))
        .isEqualTo(json("\"2024-05-01T00:00Z\""));
    assertThat(apply("dateFormat", "1714557600000", "\"yyyy-MM-dd HH:mm\""))
        .isEqualTo(json("\"2024-05-01 10:00\""));
  }

  @Test
  void date_format_refuses_what_is_no_date_and_patterns_that_are_invalid() {
    assertThatThrownBy(() -> apply("dateFormat", "\"yesterday\"", "\"yyyy\""))
        .hasMessage("'yesterday' is not an ISO-8601 instant, date-time with offset or date");
    assertThatThrownBy(() -> Transforms.of("dateFormat", List.of(json("\"yyyy-bb\""))))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("dateFormat pattern \"yyyy-bb\" is not valid");
  }

  @Test
  void join_makes_text_of_an_array_and_split_cuts_text_at_a_literal_separator() {
    assertThat(apply("join", "[\"a\", 2, null, true]", "\", \""))
        .isEqualTo(json("\"a, 2, , true\""));
    assertThat(apply("split", "\"a.b..c\"", "\".\""))
        .isEqualTo(json("[\"a\", \"b\", \"\", \"c\"]"));
    assertThat(apply("split", "\"a||b\"", "\"||\"")).isEqualTo(json("[\"a\", \"b\"]"));
    assertThat(apply("split", "\"\"", "\",\"")).isEqualTo(json("[]"));
    assertThatThrownBy(() -> apply("join", "\"a,b\"", "\",\""))
        .hasMessage("needs an array, got a string");
  }

  @Test
  void replace_replaces_every_literal_occurrence() {
    assertThat(apply("replace", "\"a.b.c\"", "\".\"", "\"$1\"")).isEqualTo(json("\"a$1b$1c\""));
  }

  @Test
  void first_last_and_size() {
    assertThat(apply("first", "[1, 2, 3]")).isEqualTo(json("1"));
    assertThat(apply("last", "[1, 2, 3]")).isEqualTo(json("3"));
    assertThat(apply("first", "[]").isNull()).isTrue();
    assertThat(apply("size", "\"héllo\"")).isEqualTo(json("5"));
    assertThat(apply("size", "[1, 2]")).isEqualTo(json("2"));
    assertThat(apply("size", "{\"a\": 1}")).isEqualTo(json("1"));
    assertThat(apply("size", "null")).isEqualTo(json("0"));
    assertThatThrownBy(() -> apply("last", "\"abc\"")).hasMessage("needs an array, got a string");
  }

  @Test
  void every_transform_but_default_and_size_passes_null_through() {
    for (String name : List.of("lowercase", "uppercase", "trim", "toNumber", "toString")) {
      assertThat(apply(name, "null").isNull()).as(name).isTrue();
    }
    for (String name : List.of("toBoolean", "first", "last")) {
      assertThat(apply(name, "null").isNull()).as(name).isTrue();
    }
    assertThat(apply("dateFormat", "null", "\"yyyy\"").isNull()).isTrue();
    assertThat(apply("join", "null", "\",\"").isNull()).isTrue();
    assertThat(apply("split", "null", "\",\"").isNull()).isTrue();
    assertThat(apply("replace", "null", "\"a\"", "\"b\"").isNull()).isTrue();
  }

  @Test
  void the_catalogue_checks_names_and_arguments() {
    assertThatThrownBy(() -> Transforms.of("shout", List.of()))
        .hasMessageStartingWith("unknown transform 'shout'; known transforms: lowercase,");
    assertThatThrownBy(() -> Transforms.of("replace", List.of(json("\"a\""))))
        .hasMessage("replace takes 2 arguments, got 1; write replace: \"from\", \"to\"");
    assertThatThrownBy(() -> Transforms.of("join", List.of(json("1"))))
        .hasMessage("join's arguments must be quoted strings; write join: \", \"");
    assertThatThrownBy(() -> Transforms.of("split", List.of(json("\"\""))))
        .hasMessage("split needs a non-empty text to look for");
  }

  private static JsonNode apply(String name, String value, String... arguments) {
    List<JsonNode> literals = java.util.Arrays.stream(arguments).map(TransformsTest::json).toList();
    return Transforms.of(name, literals).apply(json(value));
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
