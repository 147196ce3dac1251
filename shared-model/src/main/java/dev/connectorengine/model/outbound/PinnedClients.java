package dev.connectorengine.model.outbound;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK HTTP clients that send pinned requests. A request names the checked address as its URI
 * host and the original host in {@code Host}, which the JDK allows only with {@code
 * jdk.httpclient.allowRestrictedHeaders=host}. For https, the JDK sends no SNI to an address
 * literal and checks the certificate against it; a client whose TLS parameters carry the original
 * host as SNI makes the JDK verify the certificate against that name instead. TLS parameters are
 * per client, so each https host name gets its own client (a bounded, least-recently-used set; an
 * evicted client finishes its calls and is collected).
 */
public final class PinnedClients {

  public static final String RESTRICTED_HEADERS_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";
  public static final String POOL_SIZE_PROPERTY = "jdk.httpclient.connectionPoolSize";

  /**
   * Idle connections a client keeps when {@value #POOL_SIZE_PROPERTY} is not set. The JDK keeps
   * them all by default and finds the one it reuses by walking a linked list of them under the
   * pool's lock; it reuses the longest idle first, so after a burst every connection stays alive as
   * long as calls go on, and every call pays the walk. A bound too low costs the other way: a
   * burst's connections beyond it are closed and opened again. 1,024 is about a worker's default
   * in-flight limit (each run makes one call at a time).
   */
  static final int DEFAULT_POOL_SIZE = 1024;

  private static final int MAX_TLS_CLIENTS = 64;

  static {
    // Read once, when the JDK's HTTP client classes initialize: set before any request exists.
    String current = System.getProperty(RESTRICTED_HEADERS_PROPERTY, "");
    if (!List.of(current.toLowerCase(java.util.Locale.ROOT).split("\\s*,\\s*")).contains("host")) {
      System.setProperty(
          RESTRICTED_HEADERS_PROPERTY, current.isBlank() ? "host" : current + ",host");
    }
    if (System.getProperty(POOL_SIZE_PROPERTY) == null) {
      System.setProperty(POOL_SIZE_PROPERTY, Integer.toString(DEFAULT_POOL_SIZE));
    }
  }

  private final Duration connectTimeout;
  private final Supplier<SSLContext> tls;
  private final ExecutorService executor;
  private final HttpClient plain;
  private final Map<String, HttpClient> byTlsHost =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, HttpClient> eldest) {
          return size() > MAX_TLS_CLIENTS;
        }
      };

  public PinnedClients(
      Duration connectTimeout, Supplier<SSLContext> tls, ExecutorService executor) {
    requireHostHeaderAllowed();
    this.connectTimeout = connectTimeout;
    this.tls = tls;
    this.executor = executor;
    SSLContext shared = tls.get();
    this.plain = build(shared, shared.getDefaultSSLParameters());
  }

  /** The client for {@code target}: its https host's own, or the shared one. */
  public HttpClient forTarget(PinnedTarget target) {
    String name = target.tlsHostName();
    if (name == null) {
      return plain;
    }
    synchronized (byTlsHost) {
      return byTlsHost.computeIfAbsent(name, this::forTlsHost);
    }
  }

  public void shutdownNow() {
    plain.shutdownNow();
    synchronized (byTlsHost) {
      byTlsHost.values().forEach(HttpClient::shutdownNow);
      byTlsHost.clear();
    }
  }

  private HttpClient forTlsHost(String name) {
    SSLContext own = tls.get();
    SSLParameters parameters = own.getDefaultSSLParameters();
    parameters.setServerNames(List.of(new SNIHostName(name)));
    return build(own, parameters);
  }

  private HttpClient build(SSLContext context, SSLParameters parameters) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        // Redirects are followed by GuardedHttpClient, each through the guard.
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(context)
        .sslParameters(parameters)
        .executor(executor)
        .build();
  }

  private static void requireHostHeaderAllowed() {
    try {
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "example.com");
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the JDK HTTP client refuses the Host header the SSRF guard needs: start the JVM with"
              + " -D"
              + RESTRICTED_HEADERS_PROPERTY
              + "=host",
          e);
    }
  }
}
