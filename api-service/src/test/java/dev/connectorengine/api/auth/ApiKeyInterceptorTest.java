package dev.connectorengine.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.api.tenancy.CurrentWorkspace;
import dev.connectorengine.api.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Expiry is decided by the clock on every request, whatever the look-up answered. */
class ApiKeyInterceptorTest {

  static final Instant EXPIRES_AT = Instant.parse("2027-03-01T12:00:00Z");

  final ApiPrincipal holder =
      new ApiPrincipal(UUID.randomUUID(), UUID.randomUUID(), Set.of(Scope.READ));
  final CurrentWorkspace workspace = new CurrentWorkspace();

  @Test
  void a_key_works_until_the_clock_reaches_its_expiry_and_is_refused_from_then_on() {
    MockHttpServletRequest before = request();
    MockHttpServletRequest at = request();
    MockHttpServletResponse refused = new MockHttpServletResponse();

    assertThat(
            interceptorAt(EXPIRES_AT.minusMillis(1))
                .preHandle(before, new MockHttpServletResponse(), null))
        .isTrue();
    assertThat(ApiPrincipal.of(before)).contains(holder);
    workspace.clear();
    assertThatThrownBy(() -> interceptorAt(EXPIRES_AT).preHandle(at, refused, null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
              assertThat(e.getMessage()).isEqualTo("API key expired at 2027-03-01T12:00:00Z");
            });
    assertThat(refused.getHeader("WWW-Authenticate")).contains("invalid_token");
    assertThat(ApiPrincipal.of(at)).isEmpty();
    assertThat(workspace.get()).isEmpty();
  }

  private ApiKeyInterceptor interceptorAt(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    // Used just now, so no last-use write is due.
    ApiKeyRepository.ActiveKey active = new ApiKeyRepository.ActiveKey(holder, now, EXPIRES_AT);
    ApiKeyRepository keys =
        new ApiKeyRepository(null) {
          @Override
          Optional<ActiveKey> findActive(String key) {
            return Optional.of(active);
          }
        };
    return new ApiKeyInterceptor(keys, workspace, clock);
  }

  private static MockHttpServletRequest request() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/connectors");
    request.addHeader("Authorization", "Bearer ce_any");
    return request;
  }
}
