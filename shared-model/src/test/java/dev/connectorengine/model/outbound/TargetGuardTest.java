package dev.connectorengine.model.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSRF guard's address rules over the URL forms attackers use; DNS is a fixed map here. */
class TargetGuardTest {

  private static final Map<String, String> DNS =
      Map.of(
          "evil.test", "10.0.0.1",
          "metadata.google.internal", "169.254.169.254",
          "public.test", "93.184.215.14",
          "mapped.test", "::ffff:192.168.1.1");

  private static final TargetResolver RESOLVER =
      host -> {
        String address = DNS.get(AllowedTargets.normalized(host));
        if (address == null) {
          throw new UnknownHostException(host);
        }
        return List.of(InetAddress.ofLiteral(address));
      };

  private final TargetGuard guard = guard(false, List.of());

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          http://2130706433/              | 127.0.0.1 is a loopback address
          http://0177.0.0.1/              | 0177.0.0.1 is an ambiguous IP address
          http://127.000.000.001/         | is an ambiguous IP address
          http://017700000001/            | 017700000001 is not a valid IP address
          http://0x7f.1/                  | has no host the client can use
          http://127.1/                   | has no host the client can use
          http://127.0.0.1:8080/x         | 127.0.0.1 is a loopback address
          http://[::ffff:127.0.0.1]/      | 127.0.0.1 is a loopback address
          http://[::ffff:7f00:1]/         | 127.0.0.1 is a loopback address
          http://[::127.0.0.1]/           | is a loopback address
          http://[64:ff9b::a00:1]/        | is a private address
          http://[2002:c0a8:101::1]/      | is a private address
          http://0.0.0.0/                 | 0.0.0.0 is an unspecified address
          http://[::]/                    | is an unspecified address
          http://[::1]/                   | is a loopback address
          http://localhost/               | localhost is a loopback name
          http://localhost./              | localhost. is a loopback name
          http://LOCALHOST/               | LOCALHOST is a loopback name
          http://api.localhost/           | api.localhost is a loopback name
          http://169.254.169.254/latest/  | 169.254.169.254 is a cloud metadata address
          http://169.254.1.1/             | 169.254.1.1 is a link-local address
          http://[fd00:ec2::254]/         | is a cloud metadata address
          http://[fc00::1]/               | is a unique-local address
          http://[fe80::1]/               | is a link-local address
          http://[ff02::1]/               | is a multicast address
          http://10.1.2.3/                | 10.1.2.3 is a private address
          http://172.31.255.255/          | 172.31.255.255 is a private address
          http://192.168.0.1/             | 192.168.0.1 is a private address
          http://100.64.0.1/              | 100.64.0.1 is a carrier-grade NAT address
          http://224.0.0.1/               | 224.0.0.1 is a multicast address
          http://255.255.255.255/         | 255.255.255.255 is a broadcast address
          https://evil.test/              | evil.test resolves to 10.0.0.1, a private address
          http://EVIL.test./              | resolves to 10.0.0.1, a private address
          http://metadata.google.internal/ | resolves to 169.254.169.254, a cloud metadata address
          http://mapped.test/             | mapped.test resolves to 192.168.1.1, a private address
          ftp://public.test/              | only http and https URLs are allowed, not 'ftp:'
          file:///etc/passwd              | only http and https URLs are allowed, not 'file:'
          """)
  void refuses(String url, String reason) {
    assertThatThrownBy(() -> guard.check(new URI(url)))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0} goes to {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          http://93.184.215.14/        | 93.184.215.14
          https://[2606:4700::1111]/   | 2606:4700:0:0:0:0:0:1111
          http://1572395042/           | 93.184.216.34
          https://public.test/x?y=1    | 93.184.215.14
          http://172.32.0.1/           | 172.32.0.1
          http://100.128.0.1/          | 100.128.0.1
          """)
  void allows_public_addresses(String url, String address) throws Exception {
    assertThat(guard.check(new URI(url)).address().getHostAddress()).isEqualTo(address);
  }

  @Test
  void a_pinned_target_connects_to_the_checked_address_and_names_the_host() throws Exception {
    PinnedTarget target = guard.check(new URI("https://Public.Test:8443/a%20b?q=1#frag"));

    assertThat(target.connectUri()).isEqualTo(new URI("https://93.184.215.14:8443/a%20b?q=1"));
    assertThat(target.hostHeader()).isEqualTo("Public.Test:8443");
    assertThat(target.tlsHostName()).isEqualTo("public.test");
  }

  @Test
  void allow_private_targets_lets_loopback_and_metadata_through() throws Exception {
    TargetGuard open = guard(true, List.of());

    assertThat(open.check(new URI("http://127.0.0.1:8080/")).address().getHostAddress())
        .isEqualTo("127.0.0.1");
    assertThat(open.check(new URI("http://evil.test/")).address().getHostAddress())
        .isEqualTo("10.0.0.1");
  }

  @Test
  void the_allow_list_lets_a_named_host_through_and_nothing_else() throws Exception {
    TargetGuard listed = guard(false, List.of("evil.test"));

    assertThat(listed.check(new URI("http://EVIL.TEST./")).address().getHostAddress())
        .isEqualTo("10.0.0.1");
    assertThatThrownBy(() -> listed.check(new URI("http://10.0.0.1/")))
        .hasMessageContaining("10.0.0.1 is a private address");
  }

  @Test
  void the_allow_list_lets_a_range_through_and_nothing_else() throws Exception {
    TargetGuard listed = guard(false, List.of("10.0.0.0/24", " fd00::/8 "));

    assertThat(listed.check(new URI("http://evil.test/")).address().getHostAddress())
        .isEqualTo("10.0.0.1");
    assertThat(listed.check(new URI("http://[::ffff:10.0.0.9]/")).address().getHostAddress())
        .isEqualTo("10.0.0.9");
    assertThat(listed.check(new URI("http://[fd00:ec2::254]/")).address()).isNotNull();
    assertThatThrownBy(() -> listed.check(new URI("http://10.0.1.1/")))
        .hasMessageContaining("10.0.1.1 is a private address");
  }

  @Test
  void an_invalid_allow_list_entry_stops_the_worker_with_its_name() {
    assertThatThrownBy(() -> guard(false, List.of("10.0.0.0/99")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'10.0.0.0/99'");
  }

  @Test
  void a_name_with_one_private_address_among_public_ones_is_refused() {
    TargetGuard roundRobin =
        new TargetGuard(
            host ->
                List.of(InetAddress.ofLiteral("93.184.215.14"), InetAddress.ofLiteral("10.9.8.7")),
            AllowedTargets.none());

    assertThatThrownBy(() -> roundRobin.check(new URI("https://mixed.test/")))
        .hasMessage("mixed.test resolves to 10.9.8.7, a private address");
  }

  private static TargetGuard guard(boolean allowPrivate, List<String> allowed) {
    return new TargetGuard(RESOLVER, AllowedTargets.of(allowPrivate, allowed, "test"));
  }
}
