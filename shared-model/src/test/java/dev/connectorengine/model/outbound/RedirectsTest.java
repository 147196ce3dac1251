package dev.connectorengine.model.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The forms a redirect's location takes, past what the real-server tests cover. */
class RedirectsTest {

  private static final OutboundRequest WITH_CREDENTIALS =
      new OutboundRequest(
          "GET",
          URI.create("http://api.test/a?api_key=k1"),
          Map.of("X-Key", "k1", "Cookie", "c=1", "Accept", "text/plain"),
          null,
          Set.of("x-key"),
          Set.of("API_KEY"));

  @Test
  void the_default_port_written_out_is_the_same_origin() throws Exception {
    OutboundRequest next =
        Redirects.follow(WITH_CREDENTIALS, 302, "http://API.test:80/b?api_key=k1");

    assertThat(next.headers()).containsKeys("X-Key", "Cookie");
    assertThat(next.uri()).hasToString("http://API.test:80/b?api_key=k1");
  }

  @Test
  void credential_parameters_go_in_any_case_or_encoding_and_the_others_stay_in_order()
      throws Exception {
    OutboundRequest next =
        Redirects.follow(
            WITH_CREDENTIALS,
            302,
            "https://cdn.test/b?x=1&api%5Fkey=k1&Api_Key=k1&api_key&y=%20#api_key=k1");

    assertThat(next.uri()).hasToString("https://cdn.test/b?x=1&y=%20");
    assertThat(next.headers()).containsOnlyKeys("Accept");
  }

  @Test
  void a_location_left_with_no_parameter_has_no_query() throws Exception {
    OutboundRequest next = Redirects.follow(WITH_CREDENTIALS, 301, "//other.test/b?api_key=k1");

    assertThat(next.uri()).hasToString("http://other.test/b");
  }

  @Test
  void https_to_http_is_refused_on_the_same_host_and_port() {
    OutboundRequest secure =
        new OutboundRequest("GET", URI.create("https://api.test:8443/a"), Map.of(), null);

    assertThatThrownBy(() -> Redirects.follow(secure, 308, "http://api.test:8443/a"))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessage("a redirect from https to http (api.test) is not followed");
  }

  @Test
  void a_head_keeps_its_method_on_a_303() throws Exception {
    OutboundRequest head =
        new OutboundRequest("HEAD", URI.create("http://api.test/a"), Map.of(), null);

    assertThat(Redirects.follow(head, 303, "/b").method()).isEqualTo("HEAD");
  }
}
