package dev.connectorengine.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.ratelimit.ApiKeyRateLimiterTest.ManualTime;
import dev.connectorengine.api.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitInterceptorTest {

  final ApiPrincipal caller =
      new ApiPrincipal(UUID.randomUUID(), UUID.randomUUID(), Set.of(Scope.EXECUTE));
  final MockHttpServletResponse response = new MockHttpServletResponse();
  final RateLimitSettings settings = new RateLimitSettings(true, 1, 2, Duration.ofMinutes(1));
  final RateLimitInterceptor interceptor =
      new RateLimitInterceptor(
          new RequestBudget(
              new ApiKeyRateLimiter(settings, new ManualTime(), new SimpleMeterRegistry()),
              settings));

  @Test
  void the_answer_of_a_call_that_waited_is_not_charged_again() {
    MockHttpServletRequest call = request(DispatcherType.REQUEST);
    MockHttpServletRequest answer = request(DispatcherType.ASYNC);

    assertThat(interceptor.preHandle(call, response, null)).isTrue();
    assertThat(interceptor.preHandle(answer, response, null)).isTrue();
    assertThat(interceptor.preHandle(answer, response, null)).isTrue();

    assertThat(interceptor.preHandle(request(DispatcherType.REQUEST), response, null)).isTrue();
    assertThatThrownBy(() -> interceptor.preHandle(request(DispatcherType.REQUEST), response, null))
        .isInstanceOf(ApiException.class);
  }

  private MockHttpServletRequest request(DispatcherType type) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/x");
    request.setDispatcherType(type);
    request.setAttribute(ApiPrincipal.class.getName(), caller);
    return request;
  }
}
