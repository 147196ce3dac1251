package dev.connectorengine.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

  @TempDir Path dir;

  @Test
  void start_waits_until_healthy_and_stop_lets_the_service_shut_down_gracefully() throws Exception {
    ServiceProcess service = service(Ports.free()).build().start();
    long pid = service.pid();

    assertThat(new ApiClient(service.baseUrl(), null).get("/actuator/health").status())
        .isEqualTo(200);
    assertThat(ProcessMemory.peakRssKib(pid).orElseThrow()).isPositive();

    service.stop();

    assertThat(ProcessHandle.of(pid).isPresent()).isFalse();
    assertThat(Files.readString(dir.resolve("marker"))).isEqualTo("graceful");
  }

  @Test
  void kill_ends_the_service_without_its_shutdown_hooks_and_it_can_start_again() {
    ServiceProcess service = service(Ports.free()).build().start();

    service.kill();

    assertThat(service.isAlive()).isFalse();
    assertThat(dir.resolve("marker")).doesNotExist();
    service.start();
    assertThat(service.isAlive()).isTrue();
    service.stop();
  }

  @Test
  void services_run_on_the_c1_compiler_unless_their_own_flags_say_otherwise() throws Exception {
    ServiceProcess standard = service(Ports.free()).build().start();
    standard.stop();
    assertThat(Files.readString(dir.resolve("healthy.log"))).contains("TieredStopAtLevel=1");

    Files.delete(dir.resolve("healthy.log"));
    ServiceProcess c2 =
        service(Ports.free()).jvmArgs(List.of("-Xmx256m", "-XX:TieredStopAtLevel=4")).build();
    c2.start().stop();
    assertThat(Files.readString(dir.resolve("healthy.log"))).contains("TieredStopAtLevel=4");
  }

  @Test
  void start_fails_with_the_log_tail_when_the_service_exits() {
    ServiceProcess service =
        service(Ports.free()).env("FAIL_WITH", "no database at jdbc:postgresql://nowhere").build();

    assertThatThrownBy(service::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("no database at jdbc:postgresql://nowhere");
  }

  private ServiceProcess.Builder service(int port) {
    return ServiceProcess.mainClass(
            "healthy", System.getProperty("java.class.path"), HealthyService.class.getName(), port)
        .env("PORT", Integer.toString(port))
        .env("SHUTDOWN_MARKER", dir.resolve("marker").toString())
        .logFile(dir.resolve("healthy.log"))
        .startupTimeout(Duration.ofSeconds(30))
        .stopTimeout(Duration.ofSeconds(10));
  }
}
