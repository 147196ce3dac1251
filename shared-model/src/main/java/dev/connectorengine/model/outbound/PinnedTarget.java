package dev.connectorengine.model.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * A request target the guard checked, pinned to the address it checked: the client connects to
 * {@link #connectUri()} (the address as a literal) and names the original host in the {@code Host}
 * header and, for https, in TLS SNI and the certificate check.
 *
 * @param uri the URL as the step (or a redirect) gave it
 * @param address the checked address the request goes to
 * @param literalHost whether the URL named an address rather than a host name
 */
public record PinnedTarget(URI uri, InetAddress address, boolean literalHost) {

  /** The URL with the checked address in place of the host. */
  public URI connectUri() {
    String host =
        address instanceof Inet6Address
            ? "[" + address.getHostAddress() + "]"
            : address.getHostAddress();
    StringBuilder text = new StringBuilder(uri.getScheme().toLowerCase(Locale.ROOT));
    text.append("://").append(host);
    if (uri.getPort() != -1) {
      text.append(':').append(uri.getPort());
    }
    text.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      text.append('?').append(uri.getRawQuery());
    }
    return URI.create(text.toString());
  }

  /** The {@code Host} header: the original host and port, as the URL wrote them. */
  public String hostHeader() {
    return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /** The name TLS must present and verify (SNI), or null for a literal address or plain http. */
  public String tlsHostName() {
    if (literalHost || !uri.getScheme().equalsIgnoreCase("https")) {
      return null;
    }
    return AllowedTargets.normalized(uri.getHost());
  }
}
