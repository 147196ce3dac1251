package dev.connectorengine.systemtests;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.connectorengine.localstack.ApiClient;
import dev.connectorengine.localstack.KafkaBroker;
import dev.connectorengine.localstack.ServiceProcess;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.testsupport.FreshDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system as real processes, per test class: a fresh PostgreSQL database (the API migrates
 * it), a Kafka broker process, the API process, worker processes, and WireMock in the test JVM as
 * the third-party API. Register it as a static field with {@code @RegisterExtension}.
 *
 * <p>Each process's output goes to {@code target/system-tests-logs/<test class>/}. Workers and the
 * broker can be killed, stopped and started again by crash tests.
 */
public final class RunningSystem implements BeforeAllCallback, AfterAllCallback {

  private static final Logger log = LoggerFactory.getLogger(RunningSystem.class);

  private final int initialWorkers;
  private final Map<String, String> apiEnv;
  private final Map<String, String> workerEnv;
  private final Map<Integer, Integer> workerDatabasePorts;
  private final Map<Integer, List<String>> workerJvmArgs;
  private final List<String> jvmArgs;
  private final UnaryOperator<WireMockConfiguration> wireMockOptions;

  private final List<ServiceProcess> workers = new CopyOnWriteArrayList<>();
  private final String adminToken = "admin-" + UUID.randomUUID();
  private final String keyset = CredentialSealer.generateKeysetJson();
  private Path logDir;
  private Path kafkaDir;
  private FreshDatabase database;
  private WireMockServer wireMock;
  private KafkaBroker broker;
  private ServiceProcess api;
  private Thread cleanupOnExit;

  private RunningSystem(Builder builder) {
    this.initialWorkers = builder.workers;
    this.apiEnv = Map.copyOf(builder.apiEnv);
    this.workerEnv = Map.copyOf(builder.workerEnv);
    this.workerDatabasePorts = Map.copyOf(builder.workerDatabasePorts);
    this.workerJvmArgs = Map.copyOf(builder.workerJvmArgs);
    this.jvmArgs = List.copyOf(builder.jvmArgs);
    this.wireMockOptions = builder.wireMockOptions;
  }

  /** A system with {@code workers} worker processes. */
  public static Builder withWorkers(int workers) {
    return new Builder(workers);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    logDir =
        Path.of(
                System.getProperty(
                    "connector-engine.system-tests.logs", "target/system-tests-logs"))
            .resolve(context.getRequiredTestClass().getSimpleName())
            .toAbsolutePath();
    cleanupOnExit = new Thread(this::killAll, "running-system-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    try {
      deleteRecursively(logDir);
      Files.createDirectories(logDir);
      kafkaDir = Files.createTempDirectory("ce-system-test-kafka");
      database = FreshDatabase.createEmpty();
      wireMock = new WireMockServer(wireMockOptions.apply(defaultWireMockOptions()));
      wireMock.start();
      broker =
          KafkaBroker.builder(kafkaDir)
              .port(ListenPorts.free())
              .controllerPort(ListenPorts.free())
              .logFile(logDir.resolve("kafka.log"))
              .build();
      // The broker and the API start side by side (the API only sends after a trigger); the API
      // migrates the fresh database, so workers start once it is healthy.
      CompletableFuture<KafkaBroker> brokerStarted = CompletableFuture.supplyAsync(broker::start);
      int apiPort = ListenPorts.free();
      api =
          ServiceProcess.jar("api", jar("connector-engine.api-jar", "api-service"), apiPort)
              .env(commonEnv("api"))
              .env("SERVER_PORT", Integer.toString(apiPort))
              .env("ADMIN_TOKEN", adminToken)
              .env(apiEnv)
              .jvmArgs(jvmArgs)
              .logFile(logDir.resolve("api.log"))
              .build()
              .launch();
      awaitBroker(brokerStarted);
      api.awaitHealthy();
      List<ServiceProcess> starting = new ArrayList<>();
      for (int i = 0; i < initialWorkers; i++) {
        starting.add(newWorker().launch());
      }
      starting.forEach(ServiceProcess::awaitHealthy);
      awaitWorkersAssigned(initialWorkers);
    } catch (IOException e) {
      afterAll(context);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      afterAll(context);
      throw e;
    }
  }

  /** Waits until the workers' consumer group has settled with every worker holding partitions. */
  private void awaitWorkersAssigned(int count) {
    if (count == 0) {
      return;
    }
    BrokerClient client = new BrokerClient(broker.bootstrapServers());
    Awaitility.await("consumer group spread over " + count + " workers")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> client.groupIsSpreadOver("executor-workers", count));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<Runnable> steps = new ArrayList<>();
    steps.add(this::stopWorkers);
    steps.add(() -> stop(api));
    steps.add(
        () -> {
          if (broker != null) {
            broker.kill();
          }
        });
    steps.add(
        () -> {
          if (wireMock != null) {
            wireMock.stop();
          }
        });
    steps.add(
        () -> {
          if (database != null) {
            database.close();
          }
        });
    steps.add(() -> deleteRecursively(kafkaDir));
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        log.warn("tearing down the system failed at one step", e);
      }
    }
    workers.clear();
    if (cleanupOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
      } catch (IllegalStateException ignored) {
        // the JVM is already shutting down; the hook runs anyway
      }
    }
  }

  /** The API, as the admin (the admin token as bearer). */
  public ApiClient admin() {
    return new ApiClient(api.baseUrl(), adminToken);
  }

  /** Creates a workspace through the admin call. */
  public Workspace newWorkspace(String name) {
    var body = admin().post("/api/v1/admin/workspaces", Map.of("name", name)).expect(201).json();
    String apiKey = body.path("apiKey").asString();
    return new Workspace(body.path("id").asString(), apiKey, new ApiClient(api.baseUrl(), apiKey));
  }

  public URI apiBaseUrl() {
    return api.baseUrl();
  }

  public String adminToken() {
    return adminToken;
  }

  /** The fake third-party API, in this JVM. */
  public WireMockServer wireMock() {
    return wireMock;
  }

  /** {@code http://127.0.0.1:<port>} of the fake third-party API. */
  public String wireMockUrl() {
    return "http://127.0.0.1:" + wireMock.port();
  }

  /** The system's database, for checks the API does not show. */
  public FreshDatabase database() {
    return database;
  }

  public KafkaBroker broker() {
    return broker;
  }

  public ServiceProcess apiProcess() {
    return api;
  }

  /** The workers started so far (stopped or killed ones included). */
  public List<ServiceProcess> workers() {
    return List.copyOf(workers);
  }

  public ServiceProcess worker(int index) {
    return workers.get(index);
  }

  /** Starts one more worker and waits until it is healthy. */
  public ServiceProcess startWorker() {
    return newWorker().start();
  }

  /** The log files of every process, for checks across all of them. */
  public List<Path> logFiles() {
    try (Stream<Path> files = Files.list(logDir)) {
      return files.filter(file -> file.toString().endsWith(".log")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The id of worker {@code index}; its JDBC connections carry it as {@code application_name}, so a
   * test can find (and cut) them in {@code pg_stat_activity}.
   */
  public static String workerId(int index) {
    return "worker-" + (index + 1);
  }

  private ServiceProcess newWorker() {
    int index = workers.size();
    String workerId = workerId(index);
    int port = ListenPorts.free();
    List<String> flags = new ArrayList<>(jvmArgs);
    flags.addAll(workerJvmArgs.getOrDefault(index, List.of()));
    Map<String, String> env = commonEnv(workerId);
    if (workerDatabasePorts.containsKey(index)) {
      env.put(
          "DATABASE_URL",
          env.get("DATABASE_URL")
              .replaceFirst("//[^/]+/", "//127.0.0.1:" + workerDatabasePorts.get(index) + "/"));
    }
    ServiceProcess worker =
        ServiceProcess.jar(workerId, jar("connector-engine.worker-jar", "executor-worker"), port)
            .env(env)
            .env("SERVER_PORT", Integer.toString(port))
            .env("WORKER_ID", workerId)
            .env(workerEnv)
            .jvmArgs(flags)
            .logFile(logDir.resolve(workerId + ".log"))
            .stopTimeout(Duration.ofSeconds(30))
            .build();
    workers.add(worker);
    return worker;
  }

  private Map<String, String> commonEnv(String applicationName) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", database.jdbcUrl() + "?ApplicationName=" + applicationName);
    env.put("DATABASE_USER", database.username());
    env.put("DATABASE_PASSWORD", database.password());
    env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("CREDENTIALS_KEYSET", keyset);
    env.put("CONNECTOR_ENGINE_ALLOW_PRIVATE_TARGETS", "true");
    return env;
  }

  private static WireMockConfiguration defaultWireMockOptions() {
    return options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .containerThreads(64)
        // Delayed answers are scheduled, not slept on a container thread.
        .asynchronousResponseEnabled(true)
        .asynchronousResponseThreads(8);
  }

  private static Path jar(String property, String module) {
    String configured = System.getProperty(property);
    Path jar =
        configured != null
            ? Path.of(configured)
            : Path.of("..", module, "target", module + "-0.1.0-SNAPSHOT-exec.jar");
    return jar.toAbsolutePath().normalize();
  }

  private static void awaitBroker(CompletableFuture<KafkaBroker> started) {
    try {
      started.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Stops all workers at once: each may take its shutdown grace. */
  private void stopWorkers() {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      workers.forEach(worker -> executor.submit(worker::stop));
    }
  }

  private static void stop(ServiceProcess process) {
    if (process != null) {
      process.stop();
    }
  }

  private void killAll() {
    workers.forEach(ServiceProcess::kill);
    if (api != null) {
      api.kill();
    }
    if (broker != null) {
      broker.kill();
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /**
   * A workspace created through the admin call.
   *
   * @param id the workspace id
   * @param apiKey its first API key
   * @param api the API authenticated with that key
   */
  public record Workspace(String id, String apiKey, ApiClient api) {}

  /** Settings of a {@link RunningSystem}. */
  public static final class Builder {

    private final int workers;
    private final Map<String, String> apiEnv = new LinkedHashMap<>();
    private final Map<String, String> workerEnv = new LinkedHashMap<>();
    private final Map<Integer, Integer> workerDatabasePorts = new LinkedHashMap<>();
    private final Map<Integer, List<String>> workerJvmArgs = new LinkedHashMap<>();
    // C1 only and a small heap: four JVMs share two cores here and start faster this way.
    private final List<String> jvmArgs =
        new ArrayList<>(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    private UnaryOperator<WireMockConfiguration> wireMockOptions = UnaryOperator.identity();

    private Builder(int workers) {
      this.workers = workers;
    }

    /** An environment variable of the API process. */
    public Builder apiEnv(String key, String value) {
      apiEnv.put(key, value);
      return this;
    }

    /** An environment variable of every worker process (e.g. {@code WORKER_LEASE=PT5S}). */
    public Builder workerEnv(String key, String value) {
      workerEnv.put(key, value);
      return this;
    }

    /**
     * Makes worker {@code index} reach PostgreSQL through {@code port} on 127.0.0.1 (a proxy in
     * front of the real server) instead of directly.
     */
    public Builder workerDatabaseVia(int index, int port) {
      workerDatabasePorts.put(index, port);
      return this;
    }

    /** JVM flags of worker {@code index} only, after everyone's (so they win). */
    public Builder workerJvmArgs(int index, String... flags) {
      workerJvmArgs.put(index, List.of(flags));
      return this;
    }

    /**
     * Lets the consumer group hand a killed worker's partitions to the others after 6 s instead of
     * Kafka's default 45 s session timeout (a stopped worker leaves the group at once anyway).
     */
    public Builder shortConsumerSessions() {
      return workerEnv(
          "SPRING_APPLICATION_JSON",
          "{\"spring.kafka.consumer.properties.session.timeout.ms\": \"6000\","
              + " \"spring.kafka.consumer.properties.heartbeat.interval.ms\": \"1000\"}");
    }

    /** Replaces the JVM flags of the API and worker processes. */
    public Builder jvmArgs(List<String> flags) {
      jvmArgs.clear();
      jvmArgs.addAll(flags);
      return this;
    }

    /** Adjusts WireMock's options (threads, ...). */
    public Builder wireMock(UnaryOperator<WireMockConfiguration> options) {
      this.wireMockOptions = options;
      return this;
    }

    public RunningSystem build() {
      return new RunningSystem(this);
    }
  }
}
