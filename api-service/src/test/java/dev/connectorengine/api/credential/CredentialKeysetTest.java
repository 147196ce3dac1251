package dev.connectorengine.api.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiSettings;
import dev.connectorengine.model.credential.CredentialSealer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class CredentialKeysetTest {

  @Configuration
  @EnableConfigurationProperties(ApiSettings.class)
  static class Settings {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Settings.class, CredentialSealerConfiguration.class);

  @Test
  void refuses_to_start_without_a_keyset_naming_the_variable() {
    runner.run(
        context ->
            assertThat(context)
                .getFailure()
                .rootCause()
                .hasMessageContaining("CREDENTIALS_KEYSET")
                .hasMessageContaining("is not set"));
  }

  @Test
  void refuses_to_start_with_an_invalid_keyset() {
    runner
        .withPropertyValues("connector-engine.credentials.keyset={\"not\": \"a keyset\"}")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("CREDENTIALS_KEYSET")
                    .hasStackTraceContaining("not a valid Tink AEAD keyset"));
  }

  @Test
  void starts_with_a_valid_keyset() {
    runner
        .withPropertyValues(
            "connector-engine.credentials.keyset=" + CredentialSealer.generateKeysetJson())
        .run(context -> assertThat(context).hasSingleBean(CredentialSealer.class));
  }
}
