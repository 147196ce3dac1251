package dev.connectorengine.worker.hostrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The settings as the worker reads them: its application.yml, the WORKER_* names filled in. */
class HostRateSettingsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(HostRateSettings.class)
  static class Settings {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withUserConfiguration(Settings.class);

  @Test
  void no_host_is_limited_by_default() {
    context.run(
        started -> {
          HostRateSettings settings = started.getBean(HostRateSettings.class);
          assertThat(settings.rates()).isEmpty();
          assertThat(settings.defaultHostRate()).isNull();
          assertThat(settings.limitsAny()).isFalse();
        });
  }

  @Test
  void worker_host_rates_lists_hosts_and_their_rates() {
    context
        .withPropertyValues(
            "WORKER_HOST_RATES=api.example.com=5, CRM.example.org = 0.5",
            "WORKER_DEFAULT_HOST_RATE=20")
        .run(
            started -> {
              HostRateSettings settings = started.getBean(HostRateSettings.class);
              assertThat(settings.rates())
                  .isEqualTo(Map.of("api.example.com", 5.0, "crm.example.org", 0.5));
              assertThat(settings.defaultHostRate()).isEqualTo(20.0);
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "api.example.com=0       | host api.example.com must be more than 0 and at most 10000 requests per second, not 0",
        "api.example.com=-3      | host api.example.com must be more than 0 and at most 10000 requests per second, not -3",
        "api.example.com=1000000 | host api.example.com must be more than 0 and at most 10000 requests per second, not 1000000",
        "api.example.com=NaN     | host api.example.com must be more than 0 and at most 10000 requests per second, not NaN",
        "api.example.com=fast    | the rate of host api.example.com is not a number: 'fast'",
        "https://api.example.com=5 | 'https://api.example.com=5' is not host=rate",
        "api.example.com=1,api.example.com=2 | host api.example.com is listed twice"
      })
  void a_bad_rate_fails_startup_naming_the_host_and_the_value(String rates, String message) {
    context
        .withPropertyValues("WORKER_HOST_RATES=" + rates)
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .hasStackTraceContaining("connector-engine.worker.outbound.host-rates")
                    .hasStackTraceContaining(message));
  }

  @Test
  void a_bad_default_rate_fails_startup() {
    context
        .withPropertyValues("WORKER_DEFAULT_HOST_RATE=0")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .hasStackTraceContaining(
                        "connector-engine.worker.outbound.default-host-rate: the rate of every host"
                            + " not listed must be more than 0"));
  }
}
