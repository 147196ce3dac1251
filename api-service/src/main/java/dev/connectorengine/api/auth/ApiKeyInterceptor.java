package dev.connectorengine.api.auth;

import dev.connectorengine.api.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates {@code /api/v1/**} (the admin call aside) by {@code Authorization: Bearer <key>}; a
 * missing, unknown or revoked key answers 401.
 */
@Component
class ApiKeyInterceptor implements HandlerInterceptor {

  static final String PRINCIPAL = ApiPrincipal.class.getName();

  private final ApiKeyRepository keys;

  ApiKeyInterceptor(ApiKeyRepository keys) {
    this.keys = keys;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String key = BearerToken.of(request);
    if (key == null) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, "missing API key: send Authorization: Bearer <key>");
    }
    ApiPrincipal principal =
        keys.findActive(key)
            .orElseThrow(
                () -> {
                  response.setHeader(
                      HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                  return new ApiException(HttpStatus.UNAUTHORIZED, "unknown or revoked API key");
                });
    keys.touch(principal);
    request.setAttribute(PRINCIPAL, principal);
    return true;
  }
}
