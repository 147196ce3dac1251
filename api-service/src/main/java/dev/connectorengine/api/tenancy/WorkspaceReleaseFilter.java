package dev.connectorengine.api.tenancy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the request's workspace with the request, however it ends (an interceptor's own cleanup is
 * skipped when it throws), so a thread that serves another request never starts in this one's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkspaceReleaseFilter extends OncePerRequestFilter {

  private final CurrentWorkspace current;

  WorkspaceReleaseFilter(CurrentWorkspace current) {
    this.current = current;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } finally {
      current.clear();
    }
  }
}
