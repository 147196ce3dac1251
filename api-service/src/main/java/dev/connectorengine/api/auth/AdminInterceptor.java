package dev.connectorengine.api.auth;

import dev.connectorengine.api.ApiSettings;
import dev.connectorengine.api.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards {@code /api/v1/admin/**}: authenticates the configured admin token (compared in constant
 * time; it acts as an owner) or an admin user's own key, then answers 403 unless the caller's role
 * includes the one the handler's {@link RequiresAdminRole} names. A handler without one is refused:
 * a forgotten role fails closed.
 */
@Component
class AdminInterceptor implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(AdminInterceptor.class);

  private final String adminToken;
  private final AdminKeyLookup adminKeys;

  AdminInterceptor(ApiSettings settings, AdminKeyLookup adminKeys) {
    this.adminToken = settings.adminToken();
    this.adminKeys = adminKeys;
  }

  @EventListener(ApplicationReadyEvent.class)
  void warnWithoutAdminToken() {
    if (!configured()) {
      log.warn(
          "ADMIN_TOKEN (connector-engine.admin-token) is not set: only admin users' keys can"
              + " make the admin calls");
    }
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    AdminPrincipal caller = authenticate(request, response);
    request.setAttribute(AdminPrincipal.ATTRIBUTE, caller);
    if (handler instanceof HandlerMethod method
        && method.getBeanType().isAnnotationPresent(RestController.class)) {
      RequiresAdminRole required = method.getMethodAnnotation(RequiresAdminRole.class);
      if (required == null) {
        throw new ApiException(HttpStatus.FORBIDDEN, "this call has no admin role assigned");
      }
      if (!caller.role().includes(required.value())) {
        String role = required.value().wireName();
        throw new ApiException(
            HttpStatus.FORBIDDEN,
            "this call requires the admin role '" + role + "' or above",
            List.of(),
            Map.of("requiredRole", role));
      }
    }
    return true;
  }

  private AdminPrincipal authenticate(HttpServletRequest request, HttpServletResponse response) {
    String token = BearerToken.of(request);
    if (token != null) {
      if (configured() && ApiKeys.sameSecret(adminToken, token)) {
        return AdminPrincipal.adminToken();
      }
      var user = adminKeys.authenticate(token);
      if (user.isPresent()) {
        return user.get();
      }
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    throw new ApiException(HttpStatus.UNAUTHORIZED, "missing or wrong admin token");
  }

  private boolean configured() {
    return adminToken != null && !adminToken.isBlank();
  }
}
