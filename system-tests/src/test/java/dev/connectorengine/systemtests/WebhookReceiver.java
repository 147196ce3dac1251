package dev.connectorengine.systemtests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver in the test JVM (the JDK's HTTP server): records every request with the time
 * it arrived and the status it was answered with. Each path answers a programmed list of statuses,
 * the last one repeating (default 200); a path can hold its first request until released.
 */
final class WebhookReceiver implements AutoCloseable {

  /**
   * A request as it arrived.
   *
   * @param answered the status sent back, or -1 when the answer could not be written
   */
  record Received(
      String path,
      String webhookId,
      String webhookTimestamp,
      String webhookSignature,
      String contentType,
      byte[] body,
      Instant arrivedAt,
      int answered) {

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, List<Integer>> statuses = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The statuses successive requests to {@code path} get; the last one repeats. */
  void answer(String path, Integer... answers) {
    statuses.put(path, List.of(answers));
  }

  /** Holds the first request to {@code path} (unanswered) until {@link #release}, then 503. */
  void holdFirst(String path) {
    holds.put(path, new CountDownLatch(1));
  }

  void release(String path) {
    holds.get(path).countDown();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Requests that have arrived but are still held. */
  boolean holding(String path) {
    CountDownLatch hold = holds.get(path);
    return hold != null && hold.getCount() > 0 && counts.containsKey(path);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Instant arrived = Instant.now();
    String path = exchange.getRequestURI().getPath();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    int nth = counts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
    int status;
    CountDownLatch hold = holds.get(path);
    if (nth == 0 && hold != null) {
      try {
        hold.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      status = 503;
    } else {
      List<Integer> answers = statuses.getOrDefault(path, List.of(200));
      status = answers.get(Math.min(nth, answers.size() - 1));
    }
    int answered = status;
    try {
      exchange.sendResponseHeaders(status, -1);
    } catch (IOException e) {
      answered = -1; // the sender is gone
    } finally {
      exchange.close();
    }
    var headers = exchange.getRequestHeaders();
    received.add(
        new Received(
            path,
            headers.getFirst("webhook-id"),
            headers.getFirst("webhook-timestamp"),
            headers.getFirst("webhook-signature"),
            headers.getFirst("content-type"),
            body,
            arrived,
            answered));
  }

  @Override
  public void close() {
    holds.values().forEach(CountDownLatch::countDown);
    server.stop(0);
  }
}
