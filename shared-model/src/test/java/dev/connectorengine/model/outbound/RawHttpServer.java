package dev.connectorengine.model.outbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A loopback HTTP/1.1 server for one exchange that writes its answer by hand, to see how much of a
 * long body the client takes before it closes the connection.
 */
final class RawHttpServer implements AutoCloseable {

  /** How the server's writing ended: all of the body written, or a failed write after so much. */
  record WriteEnd(boolean failed, long bodyBytesWritten) {}

  private static final int PIECE = 16 * 1024;

  private final ServerSocket socket;
  private final CompletableFuture<WriteEnd> end = new CompletableFuture<>();

  private RawHttpServer(ServerSocket socket) {
    this.socket = socket;
  }

  /**
   * Answers the one request with {@code head} (status line and headers, without the blank line) and
   * a body of {@code bodyBytes}, chunked when {@code chunked}.
   */
  static RawHttpServer answering(String head, long bodyBytes, boolean chunked) throws IOException {
    RawHttpServer server =
        new RawHttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread.ofVirtual().start(() -> server.serve(head, bodyBytes, chunked));
    return server;
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/answer";
  }

  CompletableFuture<WriteEnd> end() {
    return end;
  }

  private void serve(String head, long bodyBytes, boolean chunked) {
    long written = 0;
    try (Socket connection = socket.accept()) {
      var reader =
          new BufferedReader(
              new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = reader.readLine(); line != null && !line.isEmpty(); ) {
        line = reader.readLine();
      }
      OutputStream out = connection.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] piece = new byte[PIECE];
      java.util.Arrays.fill(piece, (byte) 'x');
      while (written < bodyBytes) {
        int size = (int) Math.min(PIECE, bodyBytes - written);
        if (chunked) {
          out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(piece, 0, size);
        if (chunked) {
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        written += size;
      }
      if (chunked) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      end.complete(new WriteEnd(false, written));
      // Keep the connection until the client is done with it.
      connection.getInputStream().read();
    } catch (IOException e) {
      end.complete(new WriteEnd(true, written));
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
