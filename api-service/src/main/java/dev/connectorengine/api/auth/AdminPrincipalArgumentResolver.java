package dev.connectorengine.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands an admin controller method the {@link AdminPrincipal} the admin check authenticated. */
class AdminPrincipalArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == AdminPrincipal.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    Object principal =
        webRequest
            .getNativeRequest(HttpServletRequest.class)
            .getAttribute(AdminPrincipal.ATTRIBUTE);
    if (principal == null) {
      throw new IllegalStateException("no admin principal: is the path outside /api/v1/admin/**?");
    }
    return principal;
  }
}
