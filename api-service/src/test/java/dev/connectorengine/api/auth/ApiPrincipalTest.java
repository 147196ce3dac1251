package dev.connectorengine.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.api.web.ApiException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ApiPrincipalTest {

  final UUID listed = UUID.randomUUID();
  final UUID other = UUID.randomUUID();

  @Test
  void an_unlimited_key_may_trigger_any_connector() {
    ApiPrincipal unlimited = new ApiPrincipal(UUID.randomUUID(), UUID.randomUUID(), Set.of());

    assertThatCode(() -> unlimited.requireMayTrigger(other)).doesNotThrowAnyException();
  }

  @Test
  void a_limited_key_may_trigger_its_connectors_and_is_refused_403_naming_another() {
    ApiPrincipal limited =
        new ApiPrincipal(UUID.randomUUID(), UUID.randomUUID(), Set.of(), Set.of(listed));

    assertThatCode(() -> limited.requireMayTrigger(listed)).doesNotThrowAnyException();
    assertThatThrownBy(() -> limited.requireMayTrigger(other))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
              assertThat(e.properties()).containsEntry("connectorId", other.toString());
            });
  }
}
