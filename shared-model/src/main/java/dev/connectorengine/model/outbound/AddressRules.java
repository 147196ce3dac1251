package dev.connectorengine.model.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses an outgoing request may not reach, and why: everything that is not a public
 * unicast address. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are
 * judged by that IPv4 address; Teredo and local-use NAT64, which hide it, are refused whole.
 */
public final class AddressRules {

  private record Rule(AddressRange range, String reason) {
    static Rule of(String cidr, String reason) {
      return new Rule(AddressRange.parse(cidr), reason);
    }
  }

  // Order matters: the first match names the reason (metadata before link-local).
  private static final List<Rule> RULES =
      List.of(
          Rule.of("0.0.0.0/32", "an unspecified address"),
          Rule.of("0.0.0.0/8", "a reserved ('this network') address"),
          Rule.of("127.0.0.0/8", "a loopback address"),
          Rule.of("10.0.0.0/8", "a private address"),
          Rule.of("172.16.0.0/12", "a private address"),
          Rule.of("192.168.0.0/16", "a private address"),
          Rule.of("100.64.0.0/10", "a carrier-grade NAT address"),
          Rule.of("169.254.169.254/32", "a cloud metadata address"),
          // Azure's host endpoint (WireServer, its DNS and health probes), public-looking.
          Rule.of("168.63.129.16/32", "a cloud metadata address"),
          Rule.of("169.254.0.0/16", "a link-local address"),
          Rule.of("192.0.0.0/24", "a reserved (IETF protocol) address"),
          Rule.of("192.0.2.0/24", "a reserved (documentation) address"),
          Rule.of("198.18.0.0/15", "a reserved (benchmarking) address"),
          Rule.of("198.51.100.0/24", "a reserved (documentation) address"),
          Rule.of("203.0.113.0/24", "a reserved (documentation) address"),
          Rule.of("224.0.0.0/4", "a multicast address"),
          Rule.of("255.255.255.255/32", "a broadcast address"),
          Rule.of("240.0.0.0/4", "a reserved address"),
          Rule.of("::/128", "an unspecified address"),
          Rule.of("::1/128", "a loopback address"),
          Rule.of("fd00:ec2::254/128", "a cloud metadata address"),
          Rule.of("fc00::/7", "a unique-local address"),
          Rule.of("fe80::/10", "a link-local address"),
          Rule.of("fec0::/10", "a site-local (private) address"),
          Rule.of("ff00::/8", "a multicast address"),
          Rule.of("100::/64", "a reserved (discard) address"),
          // Teredo tunnels to an IPv4 address it hides (XOR-ed): refused whole.
          Rule.of("2001::/32", "a Teredo tunnel address"),
          // Local-use NAT64 (RFC 8215) may put the IPv4 address anywhere: refused whole.
          Rule.of("64:ff9b:1::/48", "a local-use NAT64 address"),
          Rule.of("2001:db8::/32", "a reserved (documentation) address"));

  private static final AddressRange COMPATIBLE = AddressRange.parse("::/96");
  private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");
  private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");
  private static final AddressRange IPV6_UNSPECIFIED = AddressRange.parse("::/128");
  private static final AddressRange IPV6_LOOPBACK = AddressRange.parse("::1/128");

  private AddressRules() {}

  /** Why {@code address} is refused, as "a private address"; empty when it may be reached. */
  public static Optional<String> refusalOf(InetAddress address) {
    InetAddress judged = embeddedIpv4(address).orElse(address);
    return RULES.stream()
        .filter(rule -> rule.range().contains(judged))
        .map(Rule::reason)
        .findFirst();
  }

  /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
  public static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] bytes = address.getAddress();
    if (isMapped(bytes) || NAT64.contains(address)) {
      return Optional.of(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
    }
    // "::" and "::1" sit inside ::/96 but are IPv6 addresses of their own.
    if (COMPATIBLE.contains(address)
        && !IPV6_UNSPECIFIED.contains(address)
        && !IPV6_LOOPBACK.contains(address)) {
      return Optional.of(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
    }
    if (SIX_TO_FOUR.contains(address)) {
      return Optional.of(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
    }
    return Optional.empty();
  }

  // The JDK turns ::ffff:a.b.c.d into an IPv4 address itself; an Inet6Address built from raw bytes
  // may still carry that form.
  private static boolean isMapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  private static InetAddress ipv4(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an IPv4 address", e);
    }
  }
}
