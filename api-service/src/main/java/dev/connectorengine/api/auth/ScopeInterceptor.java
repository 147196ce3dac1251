package dev.connectorengine.api.auth;

import dev.connectorengine.api.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Answers 403 when the caller's key lacks the scope the handler's {@link RequiresScope} names. It
 * runs after authentication and before the body is read, so a refused call has no effect. A
 * controller method without the annotation is refused too: a forgotten scope fails closed.
 */
@Component
class ScopeInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    // Only our controllers: Spring's own handlers (OPTIONS, static 404s) carry no scope.
    if (!(handler instanceof HandlerMethod method)
        || !method.getBeanType().isAnnotationPresent(RestController.class)) {
      return true;
    }
    ApiPrincipal caller =
        ApiPrincipal.of(request)
            .orElseThrow(() -> new IllegalStateException("scope check before authentication"));
    RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
    if (required == null) {
      throw new ApiException(HttpStatus.FORBIDDEN, "this call has no scope assigned");
    }
    if (!caller.has(required.value())) {
      String scope = required.value().wireName();
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "this API key lacks the scope '" + scope + "' that this call requires",
          List.of(),
          Map.of("requiredScope", scope));
    }
    return true;
  }
}
