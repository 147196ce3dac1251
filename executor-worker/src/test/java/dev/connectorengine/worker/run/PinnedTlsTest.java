package dev.connectorengine.worker.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.model.outbound.AllowedTargets;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.TargetGuard;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https pinned to the checked address: a TLS server on loopback with a certificate for {@code
 * public.test} only; the client connects to 127.0.0.1 yet sends SNI and verifies the certificate
 * for the host name of the URL.
 */
class PinnedTlsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static SSLServerSocket server;
  private static KeyStore keys;

  @BeforeAll
  static void startServer(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("public-test.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-dname",
                "CN=public.test",
                "-ext",
                "SAN=dns:public.test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor()).as("keytool").isZero();
    keys = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(store.toFile())) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory managers = KeyManagerFactory.getInstance("SunX509");
    managers.init(keys, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    server =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(PinnedTlsTest::serve);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  /** Answers each request with the SNI name the client sent and its Host header. */
  private static void serve() {
    while (!server.isClosed()) {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.startHandshake();
        String sni =
            ((ExtendedSSLSession) socket.getSession()).getRequestedServerNames().toString();
        var reader =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String host = "";
        for (String line = reader.readLine(); line != null && !line.isEmpty(); ) {
          if (line.toLowerCase(Locale.ROOT).startsWith("host:")) {
            host = line.substring(5).strip();
          }
          line = reader.readLine();
        }
        String body = "{\"sni\": \"" + sni.replace("\"", "") + "\", \"host\": \"" + host + "\"}";
        socket
            .getOutputStream()
            .write(
                ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                        + "Content-Length: "
                        + body.length()
                        + "\r\n\r\n"
                        + body)
                    .getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        // A refused handshake (the client rejecting the certificate) ends that connection only.
      }
    }
  }

  private final StepHttpClient client =
      new StepHttpClient(
          new GuardedHttpClient(
              Duration.ofSeconds(5),
              new TargetGuard(
                  host -> List.of(InetAddress.ofLiteral("127.0.0.1")),
                  AllowedTargets.of(false, List.of("public.test", "wrong.test"), "test")),
              PinnedTlsTest::trustingTheTestCertificate));

  @Test
  void https_goes_to_the_checked_address_with_sni_and_the_certificate_of_the_host_name()
      throws Exception {
    HttpAnswer answer = get("public.test");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("sni").asString()).contains("value=public.test");
    assertThat(answer.body().get("host").asString())
        .isEqualTo("public.test:" + server.getLocalPort());
  }

  @Test
  void a_certificate_for_another_name_at_the_same_address_is_rejected() throws Exception {
    // First a good session for public.test on 127.0.0.1, which must not be resumed for wrong.test.
    assertThat(get("public.test").status()).isEqualTo(200);

    assertThatThrownBy(() -> get("wrong.test")).isInstanceOf(SSLHandshakeException.class);
  }

  private HttpAnswer get(String host) throws Exception {
    URI uri = new URI("https://" + host + ":" + server.getLocalPort() + "/");
    return client.send(new PreparedRequest("GET", uri, Map.of(), null), Duration.ofSeconds(5));
  }

  private static SSLContext trustingTheTestCertificate() {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(keys);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
