package dev.connectorengine.worker.liveness;

import dev.connectorengine.worker.WorkerApplication;
import dev.connectorengine.worker.database.ControlDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The real worker application, run as its own process by {@link FatalErrorExitTest}, whose liveness
 * renewal fails with an {@link Error} from its first beat on.
 */
public final class FailingHeartbeatWorker {

  private FailingHeartbeatWorker() {}

  public static void main(String[] args) {
    new SpringApplicationBuilder(WorkerApplication.class, BrokenRenewals.class).run(args);
  }

  /** Not a {@code @Configuration}: component scanning in other tests' contexts must not find it. */
  static class BrokenRenewals {

    @Bean
    @Primary
    LivenessRepository brokenLivenessRepository(ControlDatabase database) {
      return new LivenessRepository(database) {
        @Override
        Optional<Instant> renew(String owner, Duration ttl) {
          throw new StackOverflowError("test: the heartbeat broke");
        }
      };
    }
  }
}
