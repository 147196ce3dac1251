package dev.connectorengine.api.ratelimit;

import dev.connectorengine.api.auth.AuthConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the per-key rate limit behind authentication; the admin call and actuator are not limited.
 */
@Configuration
class RateLimitConfiguration implements WebMvcConfigurer {

  private final RateLimitInterceptor interceptor;
  private final RateLimitSettings settings;

  RateLimitConfiguration(RateLimitInterceptor interceptor, RateLimitSettings settings) {
    this.interceptor = interceptor;
    this.settings = settings;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    if (settings.enabled()) {
      registry
          .addInterceptor(interceptor)
          .addPathPatterns(AuthConfiguration.KEYED_PATHS)
          .excludePathPatterns(AuthConfiguration.ADMIN_PATHS)
          .order(AuthConfiguration.RATE_LIMIT_ORDER);
    }
  }
}
