package dev.connectorengine.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.execution.ExecutionJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactorTest {

  private final SecretRedactor redactor =
      new SecretRedactor(List.of("s3cr3t", "s3cr3t-long", "", "12345"));

  @Test
  void masks_every_occurrence_in_text_longest_secret_first() {
    assertThat(redactor.redact("key s3cr3t-long and s3cr3t, again s3cr3t"))
        .isEqualTo("key *** and ***, again ***");
  }

  @Test
  void masks_strings_keys_and_numbers_equal_to_a_secret_in_json() {
    var json = ExecutionJson.read("{\"a\": \"x s3cr3t\", \"s3cr3t\": [12345, 7, {\"b\": \"ok\"}]}");

    assertThat(redactor.redact(json))
        .isEqualTo(
            ExecutionJson.read("{\"a\": \"x ***\", \"***\": [\"***\", 7, {\"b\": \"ok\"}]}"));
  }

  @Test
  void leaves_text_alone_without_secrets() {
    assertThat(new SecretRedactor(List.of()).redact("plain")).isEqualTo("plain");
  }

  @Test
  void masks_a_secret_echoed_with_its_slashes_escaped() {
    SecretRedactor slashes = new SecretRedactor(List.of("sk/live/9f2a"));

    assertThat(slashes.redact("{\"error\": \"bad key sk\\/live\\/9f2a\"}"))
        .isEqualTo("{\"error\": \"bad key ***\"}");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "\\u0061bc/d",
        "a\\u0062\\u0063\\u002fd",
        "\\u0061\\u0062\\u0063\\u002Fd",
        "ab\\u0063\\/\\u0064",
        "\\u0041bc/d"
      })
  void masks_a_secret_echoed_with_unicode_escapes_in_either_case(String echo) {
    SecretRedactor unicode = new SecretRedactor(List.of("abc/d", "Abc/d"));

    assertThat(unicode.redact("{\"echo\": \"" + echo + "\"}")).isEqualTo("{\"echo\": \"***\"}");
  }

  @Test
  void masks_a_secret_with_quotes_and_backslashes_as_json_writes_it() {
    SecretRedactor quoted = new SecretRedactor(List.of("p\"w\\d/9"));

    assertThat(quoted.redact("{\"password\": \"p\\\"w\\\\d\\/9\"} raw p\"w\\d/9"))
        .isEqualTo("{\"password\": \"***\"} raw ***");
  }

  @Test
  void masks_a_secret_with_control_characters_as_json_writes_them() {
    SecretRedactor multiline = new SecretRedactor(List.of("line1\nline2\ttab"));

    assertThat(multiline.redact("{\"k\": \"line1\\nline2\\u0009tab\"}"))
        .isEqualTo("{\"k\": \"***\"}");
  }

  @Test
  void masks_a_secret_outside_the_basic_plane_escaped_as_a_surrogate_pair() {
    SecretRedactor emoji = new SecretRedactor(List.of("key\uD83D\uDD11x"));

    assertThat(emoji.redact("\"key\\ud83d\\uDD11x\"")).isEqualTo("\"***\"");
  }

  @Test
  void masks_a_secret_escaped_twice_as_json_inside_a_json_string() {
    SecretRedactor nested = new SecretRedactor(List.of("ab/c\"d"));

    // {"inner": "{\"key\": \"ab\/c\"d\"}"} as JSON text, written once more as a string.
    assertThat(nested.redact("{\"inner\": \"{\\\"key\\\": \\\"ab\\\\\\/c\\\\\\\"d\\\"}\"}"))
        .isEqualTo("{\"inner\": \"{\\\"key\\\": \\\"***\\\"}\"}");
  }

  @Test
  void leaves_other_escapes_and_near_misses_alone() {
    SecretRedactor slashes = new SecretRedactor(List.of("ab/cd"));
    String text = "{\"a\": \"x\\/y \\u0041\\n\", \"b\": \"ab\\/ce\", \"c\": \"ab\\\\cd\"}";

    assertThat(slashes.redact(text)).isEqualTo(text);
  }

  @Test
  void masks_the_longer_secret_whole_when_it_contains_a_shorter_one_in_escaped_form() {
    assertThat(redactor.redact("\"s3cr3t\\u002dlong\" and \"s3cr\\u0033t\""))
        .isEqualTo("\"***\" and \"***\"");
  }
}
