package dev.connectorengine.model.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialPlacementTest {

  private static final URI URL = URI.create("https://api.example.com/people?email=a%40b.c");

  @Test
  void api_key_goes_in_x_api_key_by_default() {
    CredentialPlacement placement =
        CredentialPlacement.of(CredentialType.API_KEY, Map.of("apiKey", "k1"), null);

    assertThat(placement.applyTo(Map.of("Accept", "text/plain")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("Accept", "text/plain", "X-API-Key", "k1"));
    assertThat(placement.applyTo(URL)).isEqualTo(URL);
  }

  @Test
  void api_key_goes_in_the_named_header_with_its_prefix_replacing_a_header_of_that_name() {
    CredentialPlacement placement =
        CredentialPlacement.of(
            CredentialType.API_KEY,
            Map.of("apiKey", "k1", "headerName", "Authorization", "prefix", "Token "),
            null);

    assertThat(placement.applyTo(Map.of("authorization", "old")))
        .containsExactlyEntriesOf(Map.of("Authorization", "Token k1"));
  }

  @Test
  void api_key_with_a_query_parameter_goes_in_the_query_encoded_and_in_no_header() {
    CredentialPlacement placement =
        CredentialPlacement.of(
            CredentialType.API_KEY,
            Map.of("apiKey", "k 1&x", "queryParam", "api_key", "headerName", "X-Key"),
            null);

    assertThat(placement.applyTo(URL).toString())
        .isEqualTo("https://api.example.com/people?email=a%40b.c&api_key=k%201%26x");
    assertThat(placement.applyTo(Map.of())).isEmpty();
    assertThat(placement.applyTo(URI.create("https://h/p#top")).toString())
        .isEqualTo("https://h/p?api_key=k%201%26x#top");
  }

  @Test
  void bearer_basic_and_oauth2_go_in_authorization() {
    assertThat(
            CredentialPlacement.of(CredentialType.BEARER, Map.of("token", "t1"), null)
                .headerValue())
        .isEqualTo("Bearer t1");
    assertThat(
            CredentialPlacement.of(
                    CredentialType.BASIC, Map.of("username", "ada", "password", "pw"), null)
                .headerValue())
        .isEqualTo("Basic YWRhOnB3");
    assertThat(
            CredentialPlacement.of(
                    CredentialType.OAUTH2, Map.of("clientId", "c", "clientSecret", "s"), "at-9")
                .applyTo(Map.of()))
        .containsExactlyEntriesOf(Map.of("Authorization", "Bearer at-9"));
  }

  @Test
  void derived_secrets_hold_the_basic_value_and_encoded_forms_but_not_settings() {
    assertThat(
            CredentialPlacement.derivedSecrets(
                CredentialType.BASIC, Map.of("username", "ada", "password", "p w")))
        .containsExactlyInAnyOrder("YWRhOnAgdw==", "p%20w");
    assertThat(
            CredentialPlacement.derivedSecrets(
                CredentialType.API_KEY, Map.of("apiKey", "plain", "prefix", "Token x")))
        .isEmpty();
  }
}
