package dev.connectorengine.model.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The exceptions to the address rules: named hosts and address ranges, or everything. */
public final class AllowedTargets {

  private final boolean everything;
  private final Set<String> hosts;
  private final List<AddressRange> ranges;

  private AllowedTargets(boolean everything, Set<String> hosts, List<AddressRange> ranges) {
    this.everything = everything;
    this.hosts = Set.copyOf(hosts);
    this.ranges = List.copyOf(ranges);
  }

  /** Only public addresses: nothing is let through beyond the address rules. */
  public static AllowedTargets none() {
    return new AllowedTargets(false, Set.of(), List.of());
  }

  /**
   * The exceptions a deployment configures.
   *
   * @param everything let every address through (tests and local runs only)
   * @param entries host names and CIDR ranges let through although their addresses are not public
   * @param setting the setting's name, for the message of an invalid entry
   * @throws IllegalArgumentException naming an entry that is neither a host name nor a range
   */
  public static AllowedTargets of(boolean everything, List<String> entries, String setting) {
    Set<String> hosts = new HashSet<>();
    List<AddressRange> ranges = new ArrayList<>();
    for (String entry : entries) {
      String text = entry.strip();
      if (text.isEmpty()) {
        continue;
      }
      if (text.contains("/") || text.contains(":") || text.matches("[0-9.]+")) {
        try {
          ranges.add(AddressRange.parse(text));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              setting
                  + ": '"
                  + text
                  + "' is neither a host name nor an address range ("
                  + e.getMessage()
                  + ")");
        }
      } else if (text.matches("[A-Za-z0-9._-]+")) {
        hosts.add(normalized(text));
      } else {
        throw new IllegalArgumentException(
            setting + ": '" + text + "' is neither a host name nor an address range");
      }
    }
    return new AllowedTargets(everything, hosts, ranges);
  }

  /** Whether the guard is open: every address may be reached. */
  public boolean everything() {
    return everything;
  }

  /** Whether the host, by name, may be reached whatever it resolves to. */
  boolean allowsHost(String host) {
    return everything || hosts.contains(normalized(host));
  }

  /** Whether the address (or the IPv4 address it carries) is in an allowed range. */
  boolean allowsAddress(InetAddress address) {
    if (everything) {
      return true;
    }
    InetAddress embedded = AddressRules.embeddedIpv4(address).orElse(address);
    return ranges.stream().anyMatch(range -> range.contains(address) || range.contains(embedded));
  }

  /** Lower case without the root's trailing dot: {@code LOCALHOST.} is {@code localhost}. */
  public static String normalized(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
