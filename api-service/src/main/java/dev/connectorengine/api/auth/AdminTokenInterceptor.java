package dev.connectorengine.api.auth;

import dev.connectorengine.api.ApiSettings;
import dev.connectorengine.api.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards {@code /api/v1/admin/**} with the configured admin token, compared in constant time; with
 * no token configured every admin call answers 401.
 */
@Component
class AdminTokenInterceptor implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(AdminTokenInterceptor.class);

  private final String adminToken;

  AdminTokenInterceptor(ApiSettings settings) {
    this.adminToken = settings.adminToken();
  }

  @EventListener(ApplicationReadyEvent.class)
  void warnWithoutAdminToken() {
    if (!configured()) {
      log.warn(
          "ADMIN_TOKEN (connector-engine.admin-token) is not set: the admin calls answer 401"
              + " until it is");
    }
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String token = BearerToken.of(request);
    if (!configured() || token == null || !ApiKeys.sameSecret(adminToken, token)) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      throw new ApiException(HttpStatus.UNAUTHORIZED, "missing or wrong admin token");
    }
    return true;
  }

  private boolean configured() {
    return adminToken != null && !adminToken.isBlank();
  }
}
