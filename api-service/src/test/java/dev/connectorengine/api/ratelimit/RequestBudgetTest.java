package dev.connectorengine.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.ratelimit.ApiKeyRateLimiterTest.ManualTime;
import dev.connectorengine.api.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestBudgetTest {

  final ManualTime time = new ManualTime();
  final ApiPrincipal caller =
      new ApiPrincipal(UUID.randomUUID(), UUID.randomUUID(), Set.of(Scope.EXECUTE));
  final MockHttpServletResponse response = new MockHttpServletResponse();

  RequestBudget budget(boolean enabled, int rps, int burst) {
    RateLimitSettings settings = new RateLimitSettings(enabled, rps, burst, Duration.ofMinutes(1));
    return new RequestBudget(
        new ApiKeyRateLimiter(settings, time, new SimpleMeterRegistry()), settings);
  }

  @Test
  void a_call_counted_as_n_requests_takes_the_rest_after_the_interceptors_one() {
    RequestBudget budget = budget(true, 1, 10);
    budget.take(caller.keyId(), 1, response); // the interceptor's

    budget.chargeAs(caller, 4, response);

    budget.take(caller.keyId(), 6, response);
    assertThatThrownBy(() -> budget.take(caller.keyId(), 1, response))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void a_call_over_what_is_left_answers_429_with_retry_after_and_takes_nothing_more() {
    RequestBudget budget = budget(true, 1, 4);
    budget.take(caller.keyId(), 1, response);
    budget.take(caller.keyId(), 2, response);

    assertThatThrownBy(() -> budget.chargeAs(caller, 3, response))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));

    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    budget.take(caller.keyId(), 1, response);
  }

  @Test
  void a_call_may_count_as_at_most_the_burst() {
    assertThat(budget(true, 1, 7).mostRequestsPerCall()).isEqualTo(7);
    assertThat(budget(false, 1, 7).mostRequestsPerCall()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void nothing_is_counted_when_the_limit_is_off() {
    RequestBudget budget = budget(false, 1, 1);

    budget.chargeAs(caller, 1_000, response);

    assertThat(response.getHeader("Retry-After")).isNull();
  }
}
