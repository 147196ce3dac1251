package dev.connectorengine.model.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  // The example of the Standard Webhooks reference libraries' tests.
  static final WebhookSecret SPEC_SECRET =
      new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

  @Test
  void signs_the_reference_example_as_the_specification_does() {
    String header =
        WebhookSignature.header(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8),
            List.of(SPEC_SECRET));

    assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void two_secrets_give_two_space_separated_signatures_current_first() {
    WebhookSecret current = WebhookSecret.generate();
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    String both = WebhookSignature.header("msg_1", 10, body, List.of(current, SPEC_SECRET));

    assertThat(both.split(" "))
        .containsExactly(
            WebhookSignature.header("msg_1", 10, body, List.of(current)),
            WebhookSignature.header("msg_1", 10, body, List.of(SPEC_SECRET)));
  }

  @Test
  void a_new_secret_is_whsec_and_32_random_bytes_and_never_printed() {
    WebhookSecret secret = WebhookSecret.generate();

    assertThat(secret.text()).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.text().substring(6))).hasSize(32);
    assertThat(secret.key()).hasSize(32);
    assertThat(secret.toString()).doesNotContain(secret.text().substring(6));
    assertThat(WebhookSecret.generate().text()).isNotEqualTo(secret.text());
  }
}
