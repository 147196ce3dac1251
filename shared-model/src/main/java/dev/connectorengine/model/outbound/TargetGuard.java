package dev.connectorengine.model.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SSRF guard every outgoing request and every redirect goes through: resolves the host, refuses
 * the target when any of its addresses is not public (see {@link AddressRules}) unless {@link
 * AllowedTargets} allow it, and pins the request to the address it checked.
 */
public final class TargetGuard {

  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
  private static final Pattern LEADING_ZERO_PART = Pattern.compile("(^|\\.)0[0-9]");

  private final TargetResolver resolver;
  private final AllowedTargets allowed;

  public TargetGuard(TargetResolver resolver, AllowedTargets allowed) {
    this.resolver = resolver;
    this.allowed = allowed;
  }

  /** Whether this guard lets every address through (it then only checks schemes and syntax). */
  public boolean open() {
    return allowed.everything();
  }

  /**
   * Checks {@code uri} and picks the address to connect to.
   *
   * @throws TargetRefusedException naming the host and the reason, when it may not be reached
   * @throws UnknownHostException when the host has no address
   */
  public PinnedTarget check(URI uri) throws TargetRefusedException, UnknownHostException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new TargetRefusedException(
          "only http and https URLs are allowed, not '" + uri.getScheme() + ":'");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new TargetRefusedException(uri + " has no host the client can use");
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    InetAddress literal = literal(host);
    if (literal == null && DIGITS_AND_DOTS.matcher(bare).matches()) {
      throw new TargetRefusedException(host + " is not a valid IP address");
    }
    if (literal != null && !host.startsWith("[") && LEADING_ZERO_PART.matcher(bare).find()) {
      // 0177.0.0.1 is 127.0.0.1 to curl and browsers but 177.0.0.1 to the JDK: refuse either way.
      throw new TargetRefusedException(
          host + " is an ambiguous IP address (a part with a leading zero may be read as octal)");
    }
    boolean hostAllowed = allowed.allowsHost(bare);
    if (literal == null && !hostAllowed && isLocalhostName(bare)) {
      throw new TargetRefusedException(host + " is a loopback name");
    }
    List<InetAddress> addresses = literal != null ? List.of(literal) : resolver.resolve(bare);
    if (addresses.isEmpty()) {
      throw new UnknownHostException(host + " has no address");
    }
    if (!hostAllowed) {
      for (InetAddress address : addresses) {
        Optional<String> refusal = AddressRules.refusalOf(address);
        if (refusal.isPresent() && !allowed.allowsAddress(address)) {
          throw new TargetRefusedException(
              literal != null
                  ? address.getHostAddress() + " is " + refusal.get()
                  : host + " resolves to " + address.getHostAddress() + ", " + refusal.get());
        }
      }
    }
    return new PinnedTarget(uri, addresses.getFirst(), literal != null);
  }

  /** The address a URL host names directly, as the JDK reads it; null for a host name. */
  private static InetAddress literal(String host) {
    try {
      return InetAddress.ofLiteral(host);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // RFC 6761: localhost and every name under it are loopback, whatever DNS says.
  private static boolean isLocalhostName(String host) {
    String name = AllowedTargets.normalized(host);
    return name.equals("localhost") || name.endsWith(".localhost");
  }
}
