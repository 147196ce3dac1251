package dev.connectorengine.worker.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.periodic.ProcessExit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose heartbeat fails with an {@link Error} does not stay up looking healthy: the
 * process ends with a non-zero exit, for its orchestrator to restart it.
 */
class FatalErrorExitTest {

  @TempDir Path logs;

  @Test
  void an_error_in_the_heartbeat_ends_the_worker_process() throws Exception {
    try (FreshDatabase database = FreshDatabase.createMigrated()) {
      Path log = logs.resolve("worker.log");
      Process worker =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-Xmx256m",
                      "-XX:TieredStopAtLevel=1",
                      "-cp",
                      classpath(),
                      FailingHeartbeatWorker.class.getName(),
                      "--spring.datasource.url=" + database.jdbcUrl(),
                      "--spring.datasource.username=" + database.username(),
                      "--spring.datasource.password=" + database.password(),
                      "--spring.kafka.listener.auto-startup=false",
                      "--spring.kafka.admin.auto-create=false",
                      "--server.port=0",
                      "--connector-engine.credentials.keyset="
                          + CredentialSealer.generateKeysetJson()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        boolean ended = worker.waitFor(90, TimeUnit.SECONDS);

        assertThat(ended).as("worker ended; its log:%n%s", Files.readString(log)).isTrue();
        assertThat(worker.exitValue()).isEqualTo(ProcessExit.EXIT_CODE);
        assertThat(Files.readString(log))
            .contains("worker-liveness failed with an error; stopping the process")
            .contains("test: the heartbeat broke");
      } finally {
        worker.destroyForcibly();
      }
    }
  }

  /** The test class path, whether surefire passes it directly or through a manifest jar. */
  private static String classpath() {
    String full = System.getProperty("surefire.test.class.path");
    return full != null && !full.isBlank() ? full : System.getProperty("java.class.path");
  }
}
