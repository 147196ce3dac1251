package dev.connectorengine.api.auth;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The order every API call passes: the admin token or an admin user's key for {@code
 * /api/v1/admin/**} (with the role check); for the rest the API key, then the rate limit
 * (registered by its own package at {@link #RATE_LIMIT_ORDER}), then the scope.
 */
@Configuration
public class AuthConfiguration implements WebMvcConfigurer {

  /** The paths behind an API key. */
  public static final String KEYED_PATHS = "/api/v1/**";

  /** The paths behind the admin token or an admin user's key instead. */
  public static final String ADMIN_PATHS = "/api/v1/admin/**";

  /** Where the rate limit sits: after authentication, before the scope check. */
  public static final int RATE_LIMIT_ORDER = 20;

  private static final int AUTHENTICATION_ORDER = 10;
  private static final int SCOPE_ORDER = 30;

  private final ApiKeyInterceptor apiKeys;
  private final AdminInterceptor admin;
  private final ScopeInterceptor scopes;

  AuthConfiguration(ApiKeyInterceptor apiKeys, AdminInterceptor admin, ScopeInterceptor scopes) {
    this.apiKeys = apiKeys;
    this.admin = admin;
    this.scopes = scopes;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(admin).addPathPatterns(ADMIN_PATHS).order(AUTHENTICATION_ORDER);
    registry
        .addInterceptor(apiKeys)
        .addPathPatterns(KEYED_PATHS)
        .excludePathPatterns(ADMIN_PATHS)
        .order(AUTHENTICATION_ORDER);
    registry
        .addInterceptor(scopes)
        .addPathPatterns(KEYED_PATHS)
        .excludePathPatterns(ADMIN_PATHS)
        .order(SCOPE_ORDER);
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new PrincipalArgumentResolver());
    resolvers.add(new AdminPrincipalArgumentResolver());
  }
}
