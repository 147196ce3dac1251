package dev.connectorengine.localstack;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in service for {@link ServiceProcessTest}: answers {@code /actuator/health} UP on {@code
 * PORT}, prints the JIT level it runs with and, on a graceful shutdown, writes {@code
 * SHUTDOWN_MARKER}.
 */
public final class HealthyService {

  private HealthyService() {}

  public static void main(String[] args) throws Exception {
    if (System.getenv("FAIL_WITH") != null) {
      System.out.println(System.getenv("FAIL_WITH"));
      System.exit(3);
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("PORT"))), 0);
    server.createContext(
        "/actuator/health",
        exchange -> {
          byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.writeString(Path.of(System.getenv("SHUTDOWN_MARKER")), "graceful");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
    server.start();
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    System.out.println("TieredStopAtLevel=" + vm.getVMOption("TieredStopAtLevel").getValue());
    System.out.println("listening");
  }
}
