package dev.connectorengine.systemtests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the system's processes to listen on, below the kernel's ephemeral range (Linux:
 * 32768-60999). An OS-picked free port is an ephemeral one, which any outgoing connection on the
 * machine may take before the process binds it (seconds later, once its JVM is up) or while a
 * stopped broker is away; these are not handed out to outgoing connections.
 */
final class ListenPorts {

  private static final int FROM = 20_000;
  private static final int TO = 32_000;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private ListenPorts() {}

  /** A port in [20000, 32000) that nothing listens on and this JVM has not handed out before. */
  static synchronized int free() {
    for (int tries = 0; tries < 200; tries++) {
      int port = ThreadLocalRandom.current().nextInt(FROM, TO);
      if (!HANDED_OUT.contains(port) && bindable(port)) {
        HANDED_OUT.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port in [" + FROM + ", " + TO + ")");
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
