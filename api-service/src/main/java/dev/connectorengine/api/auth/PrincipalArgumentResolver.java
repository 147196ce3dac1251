package dev.connectorengine.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands a controller method the {@link ApiPrincipal} the interceptor authenticated. */
class PrincipalArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == ApiPrincipal.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    Object principal =
        webRequest.getNativeRequest(HttpServletRequest.class).getAttribute(ApiPrincipal.ATTRIBUTE);
    if (principal == null) {
      throw new IllegalStateException("no API principal: is the path outside /api/v1/**?");
    }
    return principal;
  }
}
