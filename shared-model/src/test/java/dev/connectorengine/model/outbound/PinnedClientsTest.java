package dev.connectorengine.model.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class PinnedClientsTest {

  @Test
  void clients_keep_a_bounded_number_of_idle_connections_and_may_send_host() throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      PinnedClients clients =
          new PinnedClients(Duration.ofSeconds(1), PinnedClientsTest::tls, executor);

      // Both are read once, when the JDK's HTTP client classes initialize.
      assertThat(System.getProperty(PinnedClients.POOL_SIZE_PROPERTY))
          .isEqualTo(Integer.toString(PinnedClients.DEFAULT_POOL_SIZE));
      assertThat(System.getProperty(PinnedClients.RESTRICTED_HEADERS_PROPERTY)).contains("host");
      clients.shutdownNow();
    }
  }

  private static SSLContext tls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
