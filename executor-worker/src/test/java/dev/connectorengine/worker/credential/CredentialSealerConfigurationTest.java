package dev.connectorengine.worker.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.credential.CredentialSealer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class CredentialSealerConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(CredentialSettings.class)
  static class Settings {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(Settings.class, CredentialSealerConfiguration.class);

  @Test
  void refuses_to_start_without_a_keyset_naming_the_setting() {
    context.run(
        started ->
            assertThat(started)
                .hasFailed()
                .getFailure()
                .hasStackTraceContaining(
                    "CREDENTIALS_KEYSET (connector-engine.credentials.keyset) is not set"));
  }

  @Test
  void refuses_to_start_with_a_keyset_that_is_not_one() {
    context
        .withPropertyValues("connector-engine.credentials.keyset={\"key\": []}")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .hasStackTraceContaining(
                        "CREDENTIALS_KEYSET (connector-engine.credentials.keyset) is not a valid"));
  }

  @Test
  void opens_with_a_valid_keyset() {
    context
        .withPropertyValues(
            "connector-engine.credentials.keyset=" + CredentialSealer.generateKeysetJson())
        .run(started -> assertThat(started).hasSingleBean(CredentialSealer.class));
  }
}
