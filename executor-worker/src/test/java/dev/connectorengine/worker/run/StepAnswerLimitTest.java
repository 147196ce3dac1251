package dev.connectorengine.worker.run;

import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A target streaming a body far over {@code WORKER_MAX_RESPONSE_BYTES} (chunked, no length): the
 * step fails at once naming the limit, is not retried, and the connection is closed under the
 * target's writes rather than read to the end.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.sweep.enabled=false",
      "connector-engine.worker.allow-private-targets=true",
      "connector-engine.worker.max-response-bytes=65536"
    })
@Import(NoBrokerEvents.class)
class StepAnswerLimitTest {

  private static final long HUGE = 128L * 1024 * 1024;
  // 64 KiB plus what loopback socket buffers hold; far below HUGE.
  private static final long NEAR_THE_LIMIT = 16L * 1024 * 1024;
  private static final AtomicInteger CALLS = new AtomicInteger();
  private static final CompletableFuture<Long> WRITES_FAILED_AFTER = new CompletableFuture<>();
  private static HttpServer target;

  /** Streams {@link #HUGE} bytes of a JSON string, chunked, and notes where a write failed. */
  @BeforeAll
  static void startTarget() throws IOException {
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/huge",
        exchange -> {
          CALLS.incrementAndGet();
          long written = 0;
          byte[] piece = new byte[16 * 1024];
          Arrays.fill(piece, (byte) 'x');
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            while (written < HUGE) {
              out.write(piece);
              written += piece.length;
            }
          } catch (IOException e) {
            WRITES_FAILED_AFTER.complete(written);
            return;
          }
          WRITES_FAILED_AFTER.completeExceptionally(new AssertionError("the whole body was read"));
        });
    target.start();
  }

  @AfterAll
  static void stopTarget() {
    target.stop(0);
  }

  @Autowired @Owner JdbcClient jdbc;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;

  @Test
  void a_chunked_answer_over_the_limit_fails_the_step_naming_the_limit_without_retries()
      throws Exception {
    String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/huge";
    ConnectorRow connector =
        aConnector()
            .withSteps(step("download", "GET", url).build())
            .withMaxRetries(3)
            .insert(jdbc, aWorkspace(jdbc));
    UUID id = anExecution(connector).insert(jdbc);

    runner.run(claim(id));

    ExecutionRow row = ExecutionRow.read(jdbc, id);
    assertThatExecution(row)
        .hasStatus("failed")
        .hasErrorMessageContaining("answer over 64 KiB (WORKER_MAX_RESPONSE_BYTES)");
    StepRecord step = row.steps().getFirst();
    assertThat(step.attempts()).isEqualTo(1);
    assertThat(CALLS.get()).isEqualTo(1);
    long written = WRITES_FAILED_AFTER.get(10, TimeUnit.SECONDS);
    assertThat(written)
        .as("body bytes the target wrote before the close")
        .isLessThan(NEAR_THE_LIMIT);
  }

  private ClaimedExecution claim(UUID id) {
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    return claimed.getFirst();
  }
}
