package dev.connectorengine.api.auth;

import dev.connectorengine.api.tenancy.CurrentWorkspace;
import dev.connectorengine.api.web.ApiException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates {@code /api/v1/**} (the admin call aside) by {@code Authorization: Bearer <key>}; a
 * missing, unknown, revoked or expired key answers 401. Keys are read on every request, and their
 * expiry compared with the application's {@link Clock} on every request, so a revoked or expired
 * key is refused at once.
 */
@Component
class ApiKeyInterceptor implements HandlerInterceptor {

  // last_used_at is shown to the minute; writing it more often would turn reads into writes.
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  private final ApiKeyRepository keys;
  private final CurrentWorkspace workspace;
  private final Clock clock;

  ApiKeyInterceptor(ApiKeyRepository keys, CurrentWorkspace workspace, Clock clock) {
    this.keys = keys;
    this.workspace = workspace;
    this.clock = clock;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getDispatcherType() == DispatcherType.ASYNC
        && ApiPrincipal.of(request).isPresent()) {
      // The answer of a call that waited (?wait=), already made: the key was checked when the
      // call came in, and this dispatch reads nothing for any workspace.
      return true;
    }
    String key = BearerToken.of(request);
    if (key == null) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, "missing API key: send Authorization: Bearer <key>");
    }
    ApiKeyRepository.ActiveKey active =
        keys.findActive(key)
            .orElseThrow(
                () -> {
                  response.setHeader(
                      HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                  return new ApiException(HttpStatus.UNAUTHORIZED, "unknown or revoked API key");
                });
    if (active.expiredAt(clock.instant())) {
      // Only the caller's own key is described: it proves the caller held it.
      response.setHeader(
          HttpHeaders.WWW_AUTHENTICATE,
          "Bearer error=\"invalid_token\", error_description=\"API key expired\"");
      throw new ApiException(HttpStatus.UNAUTHORIZED, "API key expired at " + active.expiresAt());
    }
    // Every transaction of this request now acts for the key's workspace (row-level security),
    // until the request ends (WorkspaceReleaseFilter).
    workspace.set(active.principal().workspaceId());
    if (stale(active.lastUsedAt())) {
      keys.touch(active.principal());
    }
    request.setAttribute(ApiPrincipal.ATTRIBUTE, active.principal());
    return true;
  }

  private boolean stale(Instant lastUsedAt) {
    return lastUsedAt == null || lastUsedAt.isBefore(clock.instant().minus(TOUCH_INTERVAL));
  }
}
