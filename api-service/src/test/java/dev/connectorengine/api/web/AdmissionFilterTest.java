package dev.connectorengine.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdmissionFilterTest {

  private final CountDownLatch inside = new CountDownLatch(2);
  private final CountDownLatch release = new CountDownLatch(1);
  private final FilterChain slowCall =
      (request, response) -> {
        inside.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };

  @Test
  void a_call_beyond_the_limit_is_answered_503_with_retry_after_once_its_wait_is_over()
      throws Exception {
    AdmissionFilter filter = new AdmissionFilter(new AdmissionSettings(2, Duration.ofMillis(50)));
    CompletableFuture<Integer> first = call(filter, "/api/v1/executions", slowCall);
    CompletableFuture<Integer> second = call(filter, "/api/v1/executions", slowCall);
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    MockHttpServletResponse refused = new MockHttpServletResponse();
    filter.doFilter(request("/api/v1/executions"), refused, slowCall);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(refused.getStatus()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(refused.getContentType()).isEqualTo("application/problem+json");
    assertThat(refused.getContentAsString()).contains("\"status\":503", "busy");
    release.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(200);
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(200);
  }

  @Test
  void a_turn_given_back_lets_the_next_call_in_and_the_actuator_is_never_held() throws Exception {
    AdmissionFilter filter = new AdmissionFilter(new AdmissionSettings(1, Duration.ofMillis(50)));
    MockHttpServletResponse first = new MockHttpServletResponse();
    filter.doFilter(request("/api/v1/connectors"), first, (request, response) -> {});
    CompletableFuture<Integer> holding = call(filter, "/api/v1/connectors", slowCall);
    inside.countDown();
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

    MockHttpServletResponse health = new MockHttpServletResponse();
    filter.doFilter(request("/actuator/health"), health, (request, response) -> {});

    assertThat(first.getStatus()).isEqualTo(200);
    assertThat(health.getStatus()).isEqualTo(200);
    release.countDown();
    assertThat(holding.get(5, TimeUnit.SECONDS)).isEqualTo(200);
  }

  private static CompletableFuture<Integer> call(
      AdmissionFilter filter, String path, FilterChain chain) {
    return CompletableFuture.supplyAsync(
        () -> {
          MockHttpServletResponse response = new MockHttpServletResponse();
          try {
            filter.doFilter(request(path), response, chain);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return response.getStatus();
        },
        Executors.newVirtualThreadPerTaskExecutor());
  }

  private static MockHttpServletRequest request(String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setRequestURI(path);
    return request;
  }
}
