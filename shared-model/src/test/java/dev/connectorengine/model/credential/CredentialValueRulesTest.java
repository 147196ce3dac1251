package dev.connectorengine.model.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.connector.SpecViolation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialValueRulesTest {

  @Test
  void api_key_header_name_must_be_a_token_and_query_param_a_plain_name() {
    assertThat(
            CredentialValueRules.check(
                CredentialType.API_KEY,
                Map.of("apiKey", "k", "headerName", "X Key:", "queryParam", "a=b")))
        .extracting(SpecViolation::field)
        .containsExactly("values.headerName", "values.queryParam");
    assertThat(
            CredentialValueRules.check(
                CredentialType.API_KEY,
                Map.of("apiKey", "k", "headerName", "X-Api-Key", "prefix", "Token ")))
        .isEmpty();
  }

  @Test
  void a_header_the_client_owns_cannot_carry_the_key() {
    assertThat(
            CredentialValueRules.check(
                CredentialType.API_KEY, Map.of("apiKey", "k", "headerName", "Host")))
        .extracting(SpecViolation::field)
        .containsExactly("values.headerName");
  }

  @Test
  void a_prefix_key_or_token_may_not_break_the_header_line() {
    assertThat(
            CredentialValueRules.check(
                CredentialType.API_KEY, Map.of("apiKey", "k\n", "prefix", "a\r\nX-Evil: 1")))
        .extracting(SpecViolation::field)
        .containsExactly("values.apiKey", "values.prefix");
    assertThat(CredentialValueRules.check(CredentialType.BEARER, Map.of("token", "t\r\nX: 1")))
        .extracting(SpecViolation::field)
        .containsExactly("values.token");
  }

  @Test
  void oauth2_token_url_must_be_absolute_http() {
    assertThat(
            CredentialValueRules.check(
                CredentialType.OAUTH2,
                Map.of("clientId", "c", "clientSecret", "s", "tokenUrl", "ftp://x/token")))
        .containsExactly(
            new SpecViolation("values.tokenUrl", "must be an absolute http:// or https:// URL"));
  }

  @Test
  void a_basic_username_holds_no_colon() {
    assertThat(
            CredentialValueRules.check(
                CredentialType.BASIC, Map.of("username", "a:b", "password", "p")))
        .extracting(SpecViolation::field)
        .containsExactly("values.username");
  }
}
