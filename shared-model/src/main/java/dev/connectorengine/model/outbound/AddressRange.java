package dev.connectorengine.model.outbound;

import java.net.InetAddress;
import java.util.Arrays;

/** A CIDR range of IPv4 or IPv6 addresses, as {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record AddressRange(InetAddress network, int prefixLength) {

  public AddressRange {
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length must be 0.." + bits);
    }
  }

  /**
   * Reads {@code address/prefix}, or a single address (the whole-length prefix).
   *
   * @throws IllegalArgumentException when it is not an IP literal with a valid prefix
   */
  public static AddressRange parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    InetAddress network = InetAddress.ofLiteral(slash < 0 ? trimmed : trimmed.substring(0, slash));
    int bits = network.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid prefix length in " + trimmed);
    }
    return new AddressRange(network, prefix);
  }

  /** Whether {@code address} is in this range; an address of the other family never is. */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] base = network.getAddress();
    if (candidate.length != base.length) {
      return false;
    }
    int full = prefixLength / 8;
    if (!Arrays.equals(candidate, 0, full, base, 0, full)) {
      return false;
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[full] & mask) == (base[full] & mask);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
