package dev.connectorengine.api.ratelimit;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Answers 429 with {@code Retry-After} (seconds) when the caller's key has spent its bucket. Runs
 * right after authentication, so it counts per key and before any scope check or body parsing.
 */
@Component
class RateLimitInterceptor implements HandlerInterceptor {

  private final ApiKeyRateLimiter limiter;

  RateLimitInterceptor(ApiKeyRateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    ApiPrincipal caller = ApiPrincipal.of(request).orElse(null);
    if (caller == null) {
      return true; // authentication has refused it already, or the path is not keyed
    }
    ApiKeyRateLimiter.Decision decision = limiter.acquire(caller.keyId());
    if (!decision.allowed()) {
      long seconds = decision.retryAfterSeconds();
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      throw new ApiException(
          HttpStatus.TOO_MANY_REQUESTS,
          "this API key is over its rate limit; retry in " + seconds + " s");
    }
    return true;
  }
}
