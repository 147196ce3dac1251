package dev.connectorengine.api.ratelimit;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Spends tokens of a key's bucket. The interceptor takes one for every call before its body is
 * read; a call that turns out to cost more (a batch trigger counts one request per 100 items) takes
 * the rest through {@link #chargeAs} once it knows its size, before it does the work.
 */
@Component
public class RequestBudget {

  private final ApiKeyRateLimiter limiter;
  private final RateLimitSettings settings;

  RequestBudget(ApiKeyRateLimiter limiter, RateLimitSettings settings) {
    this.limiter = limiter;
    this.settings = settings;
  }

  /** The most requests one call may count as: a full bucket (unbounded when limits are off). */
  public int mostRequestsPerCall() {
    return settings.enabled() ? settings.burst() : Integer.MAX_VALUE;
  }

  /**
   * Counts the current call as {@code requests} requests in all, the interceptor's one included.
   *
   * @throws ApiException 429 with {@code Retry-After} on {@code response} when the key's bucket
   *     lacks them; it then takes none of them
   * @throws IllegalArgumentException when {@code requests} is over {@link #mostRequestsPerCall()}
   */
  public void chargeAs(ApiPrincipal caller, int requests, HttpServletResponse response) {
    if (requests > mostRequestsPerCall()) {
      throw new IllegalArgumentException(
          requests + " requests in one call, over the burst of " + settings.burst());
    }
    if (settings.enabled() && requests > 1) {
      take(caller.keyId(), requests - 1, response);
    }
  }

  /** Takes {@code tokens} from the key's bucket, or none and answers 429. */
  void take(UUID keyId, int tokens, HttpServletResponse response) {
    ApiKeyRateLimiter.Decision decision = limiter.acquire(keyId, tokens);
    if (!decision.allowed()) {
      long seconds = decision.retryAfterSeconds();
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      throw new ApiException(
          HttpStatus.TOO_MANY_REQUESTS,
          "this API key is over its rate limit; retry in " + seconds + " s");
    }
  }
}
