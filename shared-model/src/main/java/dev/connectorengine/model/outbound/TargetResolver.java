package dev.connectorengine.model.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves an outgoing request's host name; the system's DNS in production, a map in tests. */
@FunctionalInterface
public interface TargetResolver {

  /**
   * Every address of {@code host}.
   *
   * @throws UnknownHostException when it has none
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JVM's resolver (and its cache), as the HTTP client would use it. */
  static TargetResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
