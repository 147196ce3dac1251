package dev.connectorengine.worker.run;

import dev.connectorengine.worker.WorkerSettings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * Sends step requests with one shared JDK {@link HttpClient}. The timeout bounds the whole
 * exchange, body included, and an interrupt of the calling (virtual) thread aborts the call, which
 * is how a cancelled or over-deadline run stops its in-flight request.
 */
@Component
class StepHttpClient implements DisposableBean {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client;

  StepHttpClient(WorkerSettings settings) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .executor(executor)
            .build();
  }

  /**
   * Sends the request and reads the whole answer.
   *
   * @throws HttpTimeoutException when no complete answer came within {@code timeout}
   * @throws IOException when the connection failed
   * @throws InterruptedException when the run was interrupted; the call is aborted
   * @throws IllegalArgumentException when a header may not be set (as {@code Host})
   */
  HttpAnswer send(PreparedRequest request, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(timeout)
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    request.headers().forEach(builder::header);
    if (request.body() != null && !hasHeader(request.headers(), "content-type")) {
      builder.header("Content-Type", "application/json");
    }
    if (!hasHeader(request.headers(), "accept")) {
      builder.header("Accept", "application/json");
    }
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> call =
        client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new HttpTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } catch (CancellationException e) {
      throw new IOException("call aborted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
    long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    String text = new String(response.body(), StandardCharsets.UTF_8);
    return new HttpAnswer(
        response.statusCode(),
        new TreeMap<>(response.headers().map()),
        parse(text),
        text,
        latencyMs);
  }

  @Override
  public void destroy() {
    client.shutdownNow();
    executor.shutdownNow();
  }

  private static JsonNode parse(String text) {
    if (text.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      return JsonNodeFactory.instance.stringNode(text);
    }
  }

  private static boolean hasHeader(Map<String, String> headers, String name) {
    return headers.keySet().stream().anyMatch(key -> key.equalsIgnoreCase(name));
  }
}
