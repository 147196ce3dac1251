package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.connectorengine.model.outbound.AllowedTargets;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.TargetGuard;
import dev.connectorengine.model.outbound.TargetRefusedException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Redirects between two real origins: two WireMock servers on loopback, both reached as {@code
 * public.test} on their own ports. Nothing that carries a credential (header, query parameter) or
 * the body reaches the other origin, and https never goes down to http.
 */
class CrossOriginRedirectsTest {

  private static final WireMockServer API =
      new WireMockServer(options().dynamicPort().dynamicHttpsPort());
  private static final WireMockServer OTHER = new WireMockServer(options().dynamicPort());
  private static final String SECRET = "k-canary-redirect-7c1f";

  static {
    API.start();
    OTHER.start();
  }

  private final StepHttpClient client =
      new StepHttpClient(
          new GuardedHttpClient(
              Duration.ofSeconds(5),
              new TargetGuard(
                  host -> List.of(InetAddress.ofLiteral("127.0.0.1")),
                  AllowedTargets.of(false, List.of("public.test"), "test")),
              CrossOriginRedirectsTest::trustingAnyCertificate));

  private String path;
  private String api;
  private String other;

  @BeforeEach
  void setUp() {
    path = "/" + UUID.randomUUID();
    api = "http://public.test:" + API.port();
    other = "http://public.test:" + OTHER.port();
    OTHER.resetAll();
    OTHER.stubFor(any(anyUrl()).willReturn(okJson("{}")));
  }

  @AfterAll
  static void stop() {
    API.stop();
    OTHER.stop();
  }

  @Test
  void a_redirect_to_another_origin_drops_every_credential_header_and_keeps_the_rest()
      throws Exception {
    redirect(path, 302, other + path + "/landing");

    send(
        new PreparedRequest(
            "GET",
            new URI(api + path),
            Map.of(
                "X-API-Key",
                SECRET,
                "X-Tenant-Token",
                SECRET + "-tenant",
                "Authorization",
                "Bearer " + SECRET,
                "X-Trace",
                "trace-1"),
            null,
            Set.of("x-api-key", "X-TENANT-TOKEN"),
            Set.of()));

    API.verify(getRequestedFor(urlPathEqualTo(path)).withHeader("X-API-Key", equalTo(SECRET)));
    OTHER.verify(
        getRequestedFor(urlPathEqualTo(path + "/landing"))
            .withHeader("X-Trace", equalTo("trace-1"))
            .withHeader("X-API-Key", absent())
            .withHeader("X-Tenant-Token", absent())
            .withHeader("Authorization", absent()));
    assertThat(OTHER.getAllServeEvents().toString()).doesNotContain(SECRET);
  }

  @Test
  void a_redirect_to_another_origin_drops_credential_query_parameters_from_its_location()
      throws Exception {
    redirect(path, 301, other + path + "/landing?api_key=" + SECRET + "&page=2&API_KEY=" + SECRET);

    send(
        new PreparedRequest(
            "GET",
            new URI(api + path + "?api_key=" + SECRET + "&page=2"),
            Map.of(),
            null,
            Set.of(),
            Set.of("api_key")));

    OTHER.verify(
        getRequestedFor(urlPathEqualTo(path + "/landing"))
            .withQueryParam("page", equalTo("2"))
            .withQueryParam("api_key", absent()));
    assertThat(OTHER.getAllServeEvents().toString()).doesNotContain(SECRET);
  }

  @ParameterizedTest(name = "{0} after {1}")
  @CsvSource({"307, POST", "308, PUT", "301, PUT", "302, PATCH"})
  void a_redirect_that_would_send_the_body_to_another_origin_is_refused(int status, String method)
      throws Exception {
    redirect(path, status, other + path + "/landing");

    assertThatThrownBy(
            () ->
                send(
                    new PreparedRequest(
                        method, new URI(api + path), Map.of(), "{\"card\": \"" + SECRET + "\"}")))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessage(
            "a "
                + status
                + " redirect to another origin would send the request body again; not followed");
    OTHER.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void a_post_turned_into_a_get_reaches_another_origin_without_its_body() throws Exception {
    redirect(path, 303, other + path + "/landing");

    send(
        new PreparedRequest(
            "POST", new URI(api + path), Map.of(), "{\"card\": \"" + SECRET + "\"}"));

    OTHER.verify(getRequestedFor(urlPathEqualTo(path + "/landing")));
    assertThat(OTHER.getAllServeEvents().toString()).doesNotContain(SECRET);
  }

  @Test
  void a_redirect_within_the_origin_keeps_credentials_and_body() throws Exception {
    redirect(path, 307, path + "/again?api_key=" + SECRET);
    API.stubFor(any(urlPathEqualTo(path + "/again")).willReturn(okJson("{}")));

    HttpAnswer answer =
        send(
            new PreparedRequest(
                "POST",
                new URI(api + path + "?api_key=" + SECRET),
                Map.of("X-API-Key", SECRET),
                "{\"a\": 1}",
                Set.of("X-API-Key"),
                Set.of("api_key")));

    assertThat(answer.status()).isEqualTo(200);
    API.verify(
        postRequestedFor(urlPathEqualTo(path + "/again"))
            .withHeader("X-API-Key", equalTo(SECRET))
            .withQueryParam("api_key", equalTo(SECRET))
            .withRequestBody(equalTo("{\"a\": 1}")));
  }

  @Test
  void a_redirect_from_https_to_http_is_refused_even_to_the_same_host() {
    redirect(path, 302, api + path + "/plain");

    assertThatThrownBy(
            () ->
                send(
                    new PreparedRequest(
                        "GET",
                        new URI("https://public.test:" + API.httpsPort() + path),
                        Map.of(),
                        null)))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessage("a redirect from https to http (public.test) is not followed");
    API.verify(0, anyRequestedFor(urlPathEqualTo(path + "/plain")));
  }

  private void redirect(String from, int status, String location) {
    API.stubFor(
        any(urlPathEqualTo(from))
            .willReturn(aResponse().withStatus(status).withHeader("Location", location)));
  }

  private HttpAnswer send(PreparedRequest request) throws Exception {
    return client.send(request, Duration.ofSeconds(5));
  }

  /** WireMock's https certificate is its own, for another name: the test trusts it as it is. */
  private static SSLContext trustingAnyCertificate() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingAny()}, null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class TrustingAny extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
