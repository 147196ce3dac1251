package dev.connectorengine.api.ratelimit;

import dev.connectorengine.api.auth.ApiPrincipal;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Answers 429 with {@code Retry-After} (seconds) when the caller's key has spent its bucket. Runs
 * right after authentication, so it counts per key and before any scope check or body parsing.
 */
@Component
class RateLimitInterceptor implements HandlerInterceptor {

  private final RequestBudget budget;

  RateLimitInterceptor(RequestBudget budget) {
    this.budget = budget;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getDispatcherType() == DispatcherType.ASYNC) {
      return true; // the answer of a call that waited (?wait=), paid for when it came in
    }
    ApiPrincipal caller = ApiPrincipal.of(request).orElse(null);
    if (caller == null) {
      return true; // authentication has refused it already, or the path is not keyed
    }
    budget.take(caller.keyId(), 1, response);
    return true;
  }
}
