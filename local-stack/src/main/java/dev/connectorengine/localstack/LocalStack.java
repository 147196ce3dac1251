package dev.connectorengine.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Starts the whole system on this machine without Docker: a Kafka broker, the demo target, the API
 * on 8080 and two workers, against the PostgreSQL at {@code DATABASE_URL}; seeds the demo and
 * prints how to trigger it. Ctrl-C or SIGTERM stops everything it started.
 */
public final class LocalStack {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  static final int API_PORT = 8080;
  static final List<Integer> WORKER_PORTS = List.of(8081, 8082);
  static final int KAFKA_PORT = 9092;
  static final int KAFKA_CONTROLLER_PORT = 9093;
  static final int DEMO_TARGET_PORT = 8090;

  private final Path repository;
  private final LocalFiles files;
  private final Map<String, String> env;
  private final List<ServiceProcess> workers = new ArrayList<>();
  private KafkaBroker broker;
  private DemoTarget demoTarget;
  private ServiceProcess api;

  LocalStack(Path repository, Map<String, String> env) {
    this.repository = repository;
    this.files = new LocalFiles(repository);
    this.env = env;
  }

  public static void main(String[] args) throws InterruptedException {
    Path repository =
        Path.of(System.getenv().getOrDefault("CONNECTOR_ENGINE_HOME", "."))
            .toAbsolutePath()
            .normalize();
    LocalStack stack = new LocalStack(repository, System.getenv());
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
    try {
      stack.start();
    } catch (LocalStackException e) {
      System.err.println("\n" + e.getMessage() + "\n");
      System.exit(2);
    } catch (RuntimeException e) {
      log.debug("local stack failed to start", e);
      System.err.println("\nConnector Engine failed to start: " + e.getMessage() + "\n");
      System.exit(1);
    }
    new CountDownLatch(1).await();
  }

  void start() {
    Instant began = Instant.now();
    String databaseUrl =
        setting("DATABASE_URL", "jdbc:postgresql://localhost:5432/connector_engine");
    String databaseUser = setting("DATABASE_USER", "postgres");
    String databasePassword = setting("DATABASE_PASSWORD", "");
    DatabaseBootstrap.ensureExists(databaseUrl, databaseUser, databasePassword);
    checkPortsFree();
    Path apiJar = execJar("api-service");
    Path workerJar = execJar("executor-worker");

    String adminToken = env.get("ADMIN_TOKEN");
    boolean generatedToken = adminToken == null || adminToken.isBlank();
    if (generatedToken) {
      adminToken = "admin-" + LocalFiles.randomToken(24);
    }
    String keyset = setting("CREDENTIALS_KEYSET", null);
    if (keyset == null) {
      keyset = files.credentialsKeyset();
    }

    broker =
        KafkaBroker.builder(files.kafkaData())
            .port(KAFKA_PORT)
            .controllerPort(KAFKA_CONTROLLER_PORT)
            .logFile(files.log("kafka"))
            .ownSession(true)
            .build()
            .start();
    demoTarget = DemoTarget.start(DEMO_TARGET_PORT, files.demoTargetKey());

    Map<String, String> common = new LinkedHashMap<>();
    common.put("DATABASE_USER", databaseUser);
    common.put("DATABASE_PASSWORD", databasePassword);
    common.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    common.put("CREDENTIALS_KEYSET", keyset);
    common.put("CONNECTOR_ENGINE_ALLOW_PRIVATE_TARGETS", "true");

    // The API migrates the database, so the workers start once it is healthy.
    api =
        ServiceProcess.jar("api", apiJar, API_PORT)
            .env(common)
            .env("DATABASE_URL", withApplicationName(databaseUrl, "connector-engine-api"))
            .env("SERVER_PORT", Integer.toString(API_PORT))
            .env("ADMIN_TOKEN", adminToken)
            .logFile(files.log("api"))
            .ownSession(true)
            .build()
            .start();
    for (int i = 0; i < WORKER_PORTS.size(); i++) {
      String workerId = "local-worker-" + (i + 1);
      workers.add(
          ServiceProcess.jar(workerId, workerJar, WORKER_PORTS.get(i))
              .env(common)
              .env("DATABASE_URL", withApplicationName(databaseUrl, workerId))
              .env("SERVER_PORT", Integer.toString(WORKER_PORTS.get(i)))
              .env("WORKER_ID", workerId)
              .logFile(files.log(workerId))
              .ownSession(true)
              .build());
    }
    startAll(workers);

    ApiClient admin = new ApiClient(api.baseUrl(), adminToken);
    DemoSeeder seeder = new DemoSeeder(admin, demoTarget);
    DemoSeed seed =
        files
            .demoSeed()
            .filter(seeder::stillValid)
            .orElseGet(
                () -> {
                  DemoSeed fresh = seeder.seed("Demo");
                  files.saveDemoSeed(fresh);
                  return fresh;
                });
    String executionId = seeder.trigger(seed, "local-stack-start-" + Instant.now().toEpochMilli());
    JsonNode run = seeder.awaitTerminal(seed, executionId, Duration.ofSeconds(60));
    printBanner(
        adminToken,
        generatedToken,
        databaseUrl,
        seed,
        executionId,
        run,
        Duration.between(began, Instant.now()));
  }

  /** Stops everything this stack started, workers first, broker last. Safe to call twice. */
  synchronized void stop() {
    if (api == null && broker == null && demoTarget == null && workers.isEmpty()) {
      return;
    }
    System.out.println("\nStopping Connector Engine...");
    stopAll(workers);
    workers.clear();
    if (api != null) {
      api.stop();
      api = null;
    }
    if (demoTarget != null) {
      demoTarget.close();
      demoTarget = null;
    }
    if (broker != null) {
      broker.stop();
      broker = null;
    }
    System.out.println("Stopped. Logs are in " + repository.relativize(files.logs()) + "/");
  }

  private static void startAll(List<ServiceProcess> services) {
    services.forEach(ServiceProcess::launch);
    services.forEach(ServiceProcess::awaitHealthy);
  }

  private static void stopAll(List<ServiceProcess> services) {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> stops = new ArrayList<>();
      for (ServiceProcess service : services) {
        stops.add(executor.submit(service::stop));
      }
      for (Future<Integer> stop : stops) {
        try {
          stop.get();
        } catch (Exception e) {
          log.warn("stopping a worker failed", e);
        }
      }
    }
  }

  private void checkPortsFree() {
    Map<Integer, String> ports = new LinkedHashMap<>();
    ports.put(API_PORT, "the API");
    for (int i = 0; i < WORKER_PORTS.size(); i++) {
      ports.put(WORKER_PORTS.get(i), "worker " + (i + 1) + "'s actuator");
    }
    ports.put(KAFKA_PORT, "Kafka");
    ports.put(KAFKA_CONTROLLER_PORT, "Kafka's controller");
    ports.put(DEMO_TARGET_PORT, "the demo target");
    List<String> busy = new ArrayList<>();
    ports.forEach(
        (port, use) -> {
          if (Ports.accepts(port)) {
            busy.add(port + " (for " + use + ")");
          }
        });
    if (!busy.isEmpty()) {
      throw new LocalStackException(
          "Port(s) already in use: "
              + String.join(", ", busy)
              + ".\nIs an earlier bin/run-local still running? Stop it (Ctrl-C) and try again.");
    }
  }

  private Path execJar(String module) {
    Path target = repository.resolve(module).resolve("target");
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
      Path newest = null;
      for (Path jar : jars) {
        if (newest == null
            || Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(newest)) > 0) {
          newest = jar;
        }
      }
      if (newest != null) {
        return newest;
      }
    } catch (IOException e) {
      if (Files.isDirectory(target)) {
        throw new UncheckedIOException(e);
      }
    }
    throw new LocalStackException(
        "No executable jar in "
            + target
            + ". Build it first: ./mvnw -B -q -DskipTests package (bin/run-local does).");
  }

  private String setting(String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static String withApplicationName(String jdbcUrl, String name) {
    if (jdbcUrl.contains("ApplicationName=")) {
      return jdbcUrl;
    }
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "ApplicationName=" + name;
  }

  private void printBanner(
      String adminToken,
      boolean generatedToken,
      String databaseUrl,
      DemoSeed seed,
      String executionId,
      JsonNode run,
      Duration startup) {
    URI apiUrl = api.baseUrl();
    StringBuilder out = new StringBuilder();
    out.append("\n============================================================\n");
    out.append(" Connector Engine is running (started in ")
        .append(startup.toSeconds())
        .append(" s)\n");
    out.append("============================================================\n");
    out.append("  API           ").append(apiUrl).append("  (OpenAPI /v3/api-docs)\n");
    for (ServiceProcess worker : workers) {
      out.append("  worker        ")
          .append(worker.name())
          .append("  (actuator ")
          .append(worker.baseUrl())
          .append("/actuator/health)\n");
    }
    out.append("  Kafka         ").append(broker.bootstrapServers()).append("\n");
    out.append("  PostgreSQL    ").append(databaseUrl).append("\n");
    out.append("  demo CRM      ").append(demoTarget.baseUrl()).append("\n");
    out.append("  logs          ").append(repository.relativize(files.logs())).append("/\n");
    out.append("  admin token   ")
        .append(adminToken)
        .append(generatedToken ? "   (generated: set ADMIN_TOKEN to choose it)" : "")
        .append("\n");
    out.append("  demo API key  ").append(seed.apiKey()).append("\n");
    out.append("  demo workspace ")
        .append(seed.workspaceId())
        .append(", connector ")
        .append(seed.connectorId())
        .append("\n\n");
    out.append("The demo connector ran once: execution ")
        .append(executionId)
        .append(" -> ")
        .append(run.path("status").asString())
        .append(" in ")
        .append(run.path("executionTimeMs").asString("?"))
        .append(" ms, output ")
        .append(run.path("output"))
        .append("\n\n");
    out.append("Trigger the demo connector (the Location header names the execution):\n\n");
    out.append(seed.triggerCurl()).append("\n\n");
    out.append("Poll an execution (here: the one above):\n\n");
    out.append(seed.pollCurl(executionId)).append("\n\n");
    out.append("Run the demo integration's action on its own, waiting for the result:\n\n");
    out.append(seed.invokeCurl()).append("\n\n");
    out.append("Ctrl-C stops everything.\n");
    System.out.println(out);
  }
}
