package dev.connectorengine.api.auth;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts API-key authentication in front of the API, the admin call aside. */
@Configuration
class AuthConfiguration implements WebMvcConfigurer {

  private final ApiKeyInterceptor apiKeys;
  private final AdminTokenInterceptor admin;

  AuthConfiguration(ApiKeyInterceptor apiKeys, AdminTokenInterceptor admin) {
    this.apiKeys = apiKeys;
    this.admin = admin;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(admin).addPathPatterns("/api/v1/admin/**");
    registry
        .addInterceptor(apiKeys)
        .addPathPatterns("/api/v1/**")
        .excludePathPatterns("/api/v1/admin/**");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new PrincipalArgumentResolver());
  }
}
