package dev.connectorengine.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control at the door: at most {@link AdmissionSettings#maxConcurrent()} API calls are
 * worked on at once; one beyond waits up to {@link AdmissionSettings#maxWait()} for a turn, else it
 * is answered {@code 503} problem+json with {@code Retry-After} at once. Without it an overloaded
 * instance took every call on a virtual thread of its own, queued them on the database pool and
 * answered late or never. The actuator (health checks) is always let through.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdmissionFilter extends OncePerRequestFilter {

  private final Semaphore turns;
  private final long maxWaitNanos;

  AdmissionFilter(AdmissionSettings settings) {
    this.turns = new Semaphore(settings.maxConcurrent());
    this.maxWaitNanos = settings.maxWait().toNanos();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean admitted;
    try {
      admitted = turns.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admitted = false;
    }
    if (!admitted) {
      refuse(request, response);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      turns.release();
    }
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, "1");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response
        .getOutputStream()
        .write(
            ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                    + "\"detail\":\"the service is busy; try again in a moment\",\"instance\":\""
                    + request.getRequestURI().replace("\"", "")
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8));
  }
}
