package dev.connectorengine.model.outbound;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
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
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Sends requests with JDK {@link HttpClient}s behind the SSRF guard. Every request and every
 * redirect (followed here, at most {@value #MAX_REDIRECTS}, as {@link Redirects} says: no
 * credential or body to another origin, never from https to http) first passes the {@link
 * TargetGuard} and is then sent to the very address the guard checked. The timeout bounds the whole
 * exchange, redirects and body included, a limit bounds each answer's body, and an interrupt of the
 * calling (virtual) thread aborts the call.
 */
public final class GuardedHttpClient implements AutoCloseable {

  /** Most redirects followed for one request. */
  public static final int MAX_REDIRECTS = 5;

  /** The most body bytes an answer may have unless the client is made with a limit: 10 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final TargetGuard guard;
  private final PinnedClients clients;
  private final long maxResponseBytes;

  /** A client whose TLS contexts trust what the JDK trusts. */
  public GuardedHttpClient(Duration connectTimeout, TargetGuard guard) {
    this(connectTimeout, guard, GuardedHttpClient::newTlsContext);
  }

  /**
   * A client whose TLS contexts trust what the JDK trusts.
   *
   * @param maxResponseBytes the most body bytes an answer may have; past it, the call fails with
   *     {@link AnswerTooLargeException}
   */
  public GuardedHttpClient(Duration connectTimeout, TargetGuard guard, long maxResponseBytes) {
    this(connectTimeout, guard, maxResponseBytes, GuardedHttpClient::newTlsContext);
  }

  /**
   * @param tls makes a TLS context for each client, so that TLS sessions are never resumed across
   *     host names that share an address
   */
  public GuardedHttpClient(Duration connectTimeout, TargetGuard guard, Supplier<SSLContext> tls) {
    this(connectTimeout, guard, DEFAULT_MAX_RESPONSE_BYTES, tls);
  }

  /**
   * @param maxResponseBytes the most body bytes an answer may have; past it, the call fails with
   *     {@link AnswerTooLargeException}
   * @param tls makes a TLS context for each client, so that TLS sessions are never resumed across
   *     host names that share an address
   */
  public GuardedHttpClient(
      Duration connectTimeout, TargetGuard guard, long maxResponseBytes, Supplier<SSLContext> tls) {
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException("maxResponseBytes must be positive: " + maxResponseBytes);
    }
    this.guard = guard;
    this.maxResponseBytes = maxResponseBytes;
    this.clients = new PinnedClients(connectTimeout, tls, executor);
  }

  /** Whether the guard lets every address through. */
  public boolean guardOpen() {
    return guard.open();
  }

  /**
   * Sends the request, following redirects, and reads the whole answer.
   *
   * @throws TargetRefusedException when the guard refuses the target or a redirect, or a redirect
   *     would downgrade to http or send the body to another origin
   * @throws AnswerTooLargeException when an answer's body is over the limit; the rest is not read
   * @throws HttpTimeoutException when no complete answer came within {@code timeout}
   * @throws IOException when the connection failed
   * @throws InterruptedException when the calling thread was interrupted; the call is aborted
   * @throws IllegalArgumentException when a header may not be set (as {@code Host})
   */
  public OutboundAnswer send(OutboundRequest request, Duration timeout)
      throws IOException, InterruptedException {
    if (hasHeader(request.headers(), "host")) {
      // The guard sets Host itself (the connection goes to the checked address).
      throw new IllegalArgumentException("restricted header name: \"Host\"");
    }
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    OutboundRequest hop = request;
    for (int redirects = 0; ; redirects++) {
      PinnedTarget target = guard.check(hop.uri());
      HttpResponse<byte[]> response =
          exchange(target, hop, deadline, timeout, new BoundedBody(maxResponseBytes, hop.method()));
      var location = response.headers().firstValue("location");
      if (!Redirects.STATUSES.contains(response.statusCode()) || location.isEmpty()) {
        return new OutboundAnswer(
            response.statusCode(),
            new TreeMap<>(response.headers().map()),
            response.body(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }
      if (redirects == MAX_REDIRECTS) {
        throw new TargetRefusedException("more than " + MAX_REDIRECTS + " redirects");
      }
      hop = Redirects.follow(hop, response.statusCode(), location.get());
    }
  }

  /**
   * Sends the request once, without following a redirect (a 3xx is answered as it is), and keeps at
   * most {@code keepBytes} of the answer's body: the rest is not read, the connection is closed.
   *
   * @throws TargetRefusedException when the guard refuses the target
   * @throws HttpTimeoutException when no answer came within {@code timeout}
   * @throws IOException when the connection failed
   * @throws InterruptedException when the calling thread was interrupted; the call is aborted
   */
  public OutboundAnswer sendOnce(OutboundRequest request, Duration timeout, int keepBytes)
      throws IOException, InterruptedException {
    if (hasHeader(request.headers(), "host")) {
      throw new IllegalArgumentException("restricted header name: \"Host\"");
    }
    long start = System.nanoTime();
    PinnedTarget target = guard.check(request.uri());
    HttpResponse<byte[]> response =
        exchange(target, request, start + timeout.toNanos(), timeout, new ExcerptBody(keepBytes));
    return new OutboundAnswer(
        response.statusCode(),
        new TreeMap<>(response.headers().map()),
        response.body(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  @Override
  public void close() {
    clients.shutdownNow();
    executor.shutdownNow();
  }

  private HttpResponse<byte[]> exchange(
      PinnedTarget target,
      OutboundRequest hop,
      long deadline,
      Duration timeout,
      HttpResponse.BodyHandler<byte[]> bodyHandler)
      throws IOException, InterruptedException {
    String method = hop.method();
    String body = hop.body();
    Map<String, String> headers = hop.headers();
    long leftNanos = deadline - System.nanoTime();
    if (leftNanos <= 0) {
      throw new HttpTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
    }
    // No HttpRequest timeout: the wait on the answer below enforces it and cancels the call. A
    // request timeout would also put each call in the client's one locked timer set, on which
    // thousands of concurrent calls queue.
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target.connectUri())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(builder::header);
    builder.header("Host", target.hostHeader());
    if (body != null && !hasHeader(headers, "content-type")) {
      builder.header("Content-Type", "application/json");
    }
    if (!hasHeader(headers, "accept")) {
      builder.header("Accept", "application/json");
    }
    CompletableFuture<HttpResponse<byte[]>> call =
        clients.forTarget(target).sendAsync(builder.build(), bodyHandler);
    try {
      return call.get(leftNanos, TimeUnit.NANOSECONDS);
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
  }

  private static boolean hasHeader(Map<String, String> headers, String name) {
    return headers.keySet().stream().anyMatch(key -> key.equalsIgnoreCase(name));
  }

  private static SSLContext newTlsContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, null, null);
      return context;
    } catch (NoSuchAlgorithmException | KeyManagementException e) {
      throw new IllegalStateException("no TLS context", e);
    }
  }
}
