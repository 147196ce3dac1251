package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarded client against WireMock on loopback, reached as {@code public.test}: a name only the
 * test's resolver knows, so a request that arrives proves the client connected to the address the
 * guard checked. Only {@code public.test} is on the allow-list; loopback itself is refused.
 */
class GuardedRedirectsTest {

  private static final WireMockServer API = new WireMockServer(options().dynamicPort());
  private static final Map<String, String> DNS =
      Map.of("public.test", "127.0.0.1", "other.test", "127.0.0.1", "evil.test", "10.0.0.1");

  static {
    API.start();
  }

  private final StepHttpClient client =
      new StepHttpClient(
          new GuardedHttpClient(
              Duration.ofSeconds(5),
              new TargetGuard(
                  host -> {
                    String address = DNS.get(AllowedTargets.normalized(host));
                    if (address == null) {
                      throw new UnknownHostException(host);
                    }
                    return List.of(InetAddress.ofLiteral(address));
                  },
                  AllowedTargets.of(false, List.of("public.test", "other.test"), "test"))));

  private String path;
  private String base;

  @BeforeEach
  void setUp() {
    path = "/" + UUID.randomUUID();
    base = "http://public.test:" + API.port();
  }

  @AfterAll
  static void stop() {
    API.stop();
  }

  @Test
  void a_request_goes_to_the_checked_address_with_the_original_host_header() throws Exception {
    API.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"ok\": true}")));

    HttpAnswer answer = send("GET", base + path + "?q=a%20b", Map.of(), null);

    assertThat(answer.status()).isEqualTo(200);
    API.verify(
        getRequestedFor(urlPathEqualTo(path))
            .withQueryParam("q", equalTo("a b"))
            .withHeader("Host", equalTo("public.test:" + API.port())));
  }

  @Test
  void a_302_is_followed_through_the_guard_as_a_get() throws Exception {
    API.stubFor(
        post(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(302).withHeader("Location", path + "/next")));
    API.stubFor(get(urlPathEqualTo(path + "/next")).willReturn(okJson("{\"v\": 2}")));

    HttpAnswer answer = send("POST", base + path, Map.of(), "{\"a\": 1}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("v").asInt()).isEqualTo(2);
    API.verify(getRequestedFor(urlPathEqualTo(path + "/next")));
  }

  @Test
  void a_307_keeps_the_method_and_body() throws Exception {
    API.stubFor(
        post(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(307).withHeader("Location", path + "/again")));
    API.stubFor(post(urlPathEqualTo(path + "/again")).willReturn(okJson("{}")));

    assertThat(send("POST", base + path, Map.of(), "{\"a\": 1}").status()).isEqualTo(200);

    API.verify(
        postRequestedFor(urlPathEqualTo(path + "/again")).withRequestBody(equalTo("{\"a\": 1}")));
  }

  @Test
  void a_redirect_to_another_host_drops_the_authorization_header() throws Exception {
    String elsewhere = "http://other.test:" + API.port() + path + "/elsewhere";
    API.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(301).withHeader("Location", elsewhere)));
    API.stubFor(get(urlPathEqualTo(path + "/elsewhere")).willReturn(okJson("{}")));

    send("GET", base + path, Map.of("Authorization", "Bearer s3cret"), null);

    API.verify(
        getRequestedFor(urlPathEqualTo(path))
            .withHeader("Authorization", equalTo("Bearer s3cret")));
    API.verify(
        getRequestedFor(urlPathEqualTo(path + "/elsewhere"))
            .withHeader("Host", equalTo("other.test:" + API.port()))
            .withHeader("Authorization", absent()));
  }

  @Test
  void a_redirect_to_a_private_address_is_refused() {
    API.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", "http://10.0.0.1/admin")));

    assertThatThrownBy(() -> send("GET", base + path, Map.of(), null))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessage("10.0.0.1 is a private address");
  }

  @Test
  void a_redirect_to_a_name_that_resolves_to_a_private_address_is_refused() {
    API.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(308).withHeader("Location", "http://evil.test/")));

    assertThatThrownBy(() -> send("GET", base + path, Map.of(), null))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessage("evil.test resolves to 10.0.0.1, a private address");
  }

  @Test
  void a_redirect_to_loopback_by_address_is_refused_though_the_first_host_was_allowed() {
    String loopback = "http://127.0.0.1:" + API.port() + path + "/in";
    API.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(302).withHeader("Location", loopback)));

    assertThatThrownBy(() -> send("GET", base + path, Map.of(), null))
        .hasMessage("127.0.0.1 is a loopback address");
    API.verify(0, getRequestedFor(urlPathEqualTo(path + "/in")));
  }

  @Test
  void a_name_that_resolves_to_a_private_address_is_never_called() {
    assertThatThrownBy(() -> send("GET", "http://evil.test" + path, Map.of(), null))
        .hasMessage("evil.test resolves to 10.0.0.1, a private address");
  }

  @Test
  void more_than_five_redirects_are_refused() {
    API.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(302).withHeader("Location", path)));

    assertThatThrownBy(() -> send("GET", base + path, Map.of(), null))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessage("more than 5 redirects");
    API.verify(6, getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void a_step_may_not_set_the_host_header_itself() {
    assertThatThrownBy(() -> send("GET", base + path, Map.of("host", "evil.test"), null))
        .isInstanceOf(IllegalArgumentException.class);
    API.verify(0, anyRequestedFor(anyUrl()).withHeader("Host", equalTo("evil.test")));
  }

  private HttpAnswer send(String method, String url, Map<String, String> headers, String body)
      throws Exception {
    return client.send(
        new PreparedRequest(method, new URI(url), headers, body), Duration.ofSeconds(5));
  }
}
