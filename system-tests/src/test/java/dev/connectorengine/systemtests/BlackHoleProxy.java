package dev.connectorengine.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy that can stop forwarding without closing anything, as a network path that silently
 * drops packets would (a failover, a frozen VM): connections stay open, new ones are accepted, and
 * no byte goes either way until it forwards again. Then what queued meanwhile flows on.
 */
final class BlackHoleProxy implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private volatile boolean holding;
  private volatile boolean closed;

  private BlackHoleProxy(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
  }

  /** A proxy on a free local port forwarding to {@code host:port}. */
  static BlackHoleProxy to(String host, int port) {
    try {
      ServerSocket server =
          new ServerSocket(ListenPorts.free(), 50, InetAddress.getLoopbackAddress());
      BlackHoleProxy proxy = new BlackHoleProxy(server, new InetSocketAddress(host, port));
      Thread.ofVirtual().name("black-hole-proxy").start(proxy::accept);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** Stops forwarding; nothing is closed. */
  void hold() {
    holding = true;
  }

  /** Forwards again, what queued first. */
  void release() {
    synchronized (gate) {
      holding = false;
      gate.notifyAll();
    }
  }

  @Override
  public void close() {
    closed = true;
    release();
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(target);
        sockets.add(client);
        sockets.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Copies {@code from} to {@code to}, a read at a time, waiting at the gate before each write. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        awaitForwarding();
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed: the other follows
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void awaitForwarding() {
    synchronized (gate) {
      while (holding && !closed) {
        try {
          gate.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
