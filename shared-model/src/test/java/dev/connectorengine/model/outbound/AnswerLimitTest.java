package dev.connectorengine.model.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers over the client's limit fail as soon as the limit is passed, and the connection is closed
 * rather than drained: the server, writing a body far longer than the limit, sees its writes fail
 * after little more than the limit and the socket buffers.
 */
class AnswerLimitTest {

  private static final long LIMIT = 64 * 1024;
  private static final long HUGE = 128L * 1024 * 1024;
  // The limit plus what loopback socket buffers hold; far below HUGE.
  private static final long NEAR_THE_LIMIT = 16L * 1024 * 1024;

  private final GuardedHttpClient client =
      new GuardedHttpClient(
          Duration.ofSeconds(5),
          new TargetGuard(TargetResolver.system(), AllowedTargets.of(true, List.of(), "test")),
          LIMIT);

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void a_chunked_answer_fails_once_it_passes_the_limit_and_the_rest_is_not_read() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
            HUGE,
            true)) {

      assertThatThrownBy(() -> send("GET", server))
          .isInstanceOf(AnswerTooLargeException.class)
          .hasMessage("answer over 64 KiB");

      RawHttpServer.WriteEnd end = server.end().get(10, TimeUnit.SECONDS);
      assertThat(end.failed()).as("the server's writes failed: connection closed").isTrue();
      assertThat(end.bodyBytesWritten()).isLessThan(NEAR_THE_LIMIT);
    }
  }

  @Test
  void a_declared_length_over_the_limit_fails_before_any_of_the_body_is_read() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering("HTTP/1.1 200 OK\r\nContent-Length: " + HUGE, HUGE, false)) {

      assertThatExceptionOfType(AnswerTooLargeException.class)
          .isThrownBy(() -> send("GET", server))
          .withMessage("answer over 64 KiB")
          .satisfies(e -> assertThat(e.status()).isEqualTo(200));

      RawHttpServer.WriteEnd end = server.end().get(10, TimeUnit.SECONDS);
      assertThat(end.failed()).as("the server's writes failed: connection closed").isTrue();
      assertThat(end.bodyBytesWritten()).isLessThan(NEAR_THE_LIMIT);
    }
  }

  @Test
  void an_answer_of_exactly_the_limit_is_read_whole() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close", LIMIT, true)) {

      OutboundAnswer answer = send("GET", server);

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).hasSize((int) LIMIT);
    }
  }

  @Test
  void a_head_answer_may_declare_a_length_over_the_limit() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering("HTTP/1.1 200 OK\r\nContent-Length: " + HUGE, 0, false)) {

      assertThat(send("HEAD", server).status()).isEqualTo(200);
    }
  }

  private OutboundAnswer send(String method, RawHttpServer server) throws Exception {
    return client.send(
        new OutboundRequest(method, new URI(server.url()), Map.of(), null), Duration.ofSeconds(5));
  }
}
