package dev.connectorengine.bench;

import dev.connectorengine.localstack.ApiClient;
import dev.connectorengine.localstack.DemoTarget;
import dev.connectorengine.localstack.KafkaBroker;
import dev.connectorengine.localstack.Ports;
import dev.connectorengine.localstack.ProcessMemory;
import dev.connectorengine.localstack.ServiceProcess;
import dev.connectorengine.model.credential.CredentialSealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Everything a bench runs against, as production runs it: a database of its own, a Kafka broker
 * process, the API process and worker processes (exec jars, a JVM each), and fake third-party APIs
 * in this JVM. {@link #close()} stops all of it and drops the database; it is safe to call twice
 * and from a shutdown hook while a start is under way (what that start launches is stopped).
 */
final class BenchStack implements AutoCloseable {

  private final Path repository;
  private final Path logs;
  private final List<String> jvmArgs;
  private final String adminToken = "bench-admin-" + UUID.randomUUID();
  private final String keyset = CredentialSealer.generateKeysetJson();
  private final List<ServiceProcess> workers = new CopyOnWriteArrayList<>();
  private final List<DemoTarget> targets = new CopyOnWriteArrayList<>();
  private final Map<String, Long> peakRssOfStopped = new LinkedHashMap<>();
  private volatile BenchDatabase database;
  private volatile Path kafkaData;
  private volatile KafkaBroker broker;
  private volatile ServiceProcess api;
  private volatile boolean closed;

  /**
   * @param jvmArgs the API's and workers' JVM flags, after the services' own
   */
  BenchStack(Path repository, List<String> jvmArgs) {
    this.repository = repository;
    this.logs =
        repository
            .resolve(".local/bench")
            .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    this.jvmArgs = List.copyOf(jvmArgs);
  }

  /** Creates the database and starts the broker and the API (which migrates the database). */
  void start(Map<String, String> env) {
    database =
        BenchDatabase.create(
            setting(env, "DATABASE_URL", "jdbc:postgresql://localhost:5432/connector_engine"),
            setting(env, "DATABASE_USER", "postgres"),
            setting(env, "DATABASE_PASSWORD", ""));
    stopIfClosed(database::close);
    Path apiJar = execJar("api-service");
    execJar("executor-worker");
    try {
      Files.createDirectories(logs);
      kafkaData = Files.createTempDirectory("ce-bench-kafka");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    broker =
        KafkaBroker.builder(kafkaData).logFile(logs.resolve("kafka.log")).ownSession(true).build();
    broker.start();
    stopIfClosed(broker::stop);
    int port = Ports.free();
    api =
        ServiceProcess.jar("api", apiJar, port)
            .env(commonEnv("api"))
            .env("SERVER_PORT", Integer.toString(port))
            .env("ADMIN_TOKEN", adminToken)
            // The bench measures the engine, not the per-key limiter in front of it.
            .env("RATE_LIMIT_ENABLED", "false")
            .jvmArgs(jvmArgs)
            .logFile(logs.resolve("api.log"))
            .ownSession(true)
            .build();
    api.launch();
    stopIfClosed(api::stop);
    api.awaitHealthy();
  }

  /** Starts workers named {@code names} with extra settings and waits until they are healthy. */
  List<ServiceProcess> startWorkers(List<String> names, Map<String, String> env) {
    Path jar = execJar("executor-worker");
    List<ServiceProcess> started = new ArrayList<>();
    for (String name : names) {
      int port = Ports.free();
      ServiceProcess worker =
          ServiceProcess.jar(name, jar, port)
              .env(commonEnv(name))
              .env("SERVER_PORT", Integer.toString(port))
              .env("WORKER_ID", name)
              .env(env)
              .jvmArgs(jvmArgs)
              .logFile(logs.resolve(name + ".log"))
              .ownSession(true)
              .build();
      workers.add(worker);
      started.add(worker.launch());
      stopIfClosed(worker::stop);
    }
    started.forEach(ServiceProcess::awaitHealthy);
    return started;
  }

  /** Stops (SIGTERM) the running workers, keeping their peak RSS for the report. */
  synchronized void stopWorkers() {
    for (ServiceProcess worker : workers) {
      if (worker.isAlive()) {
        ProcessMemory.peakRssKib(worker.pid())
            .ifPresent(kib -> peakRssOfStopped.put(worker.name(), kib));
      }
    }
    stopAll(workers);
    workers.clear();
  }

  /** A fake third-party API in this JVM answering after {@code delay}. */
  DemoTarget target(Duration delay) {
    DemoTarget target = DemoTarget.start(0, "bench-" + UUID.randomUUID(), delay);
    targets.add(target);
    stopIfClosed(target::close);
    return target;
  }

  ApiClient admin() {
    return new ApiClient(api.baseUrl(), adminToken);
  }

  BenchDatabase database() {
    return database;
  }

  Path logs() {
    return logs;
  }

  /**
   * The processes whose CPU the report shows, by label: the API, each worker, the broker, this JVM
   * (load generator and fake APIs) and PostgreSQL (its backends for this database, and the rest).
   */
  synchronized Map<String, List<Long>> processes(List<Long> databaseBackends) {
    Map<String, List<Long>> pids = new LinkedHashMap<>();
    pids.put("api", List.of(api.pid()));
    for (ServiceProcess worker : workers) {
      if (worker.isAlive()) {
        pids.put(worker.name(), List.of(worker.pid()));
      }
    }
    pids.put("kafka", List.of(broker.pid()));
    pids.put("bench (load + fake API)", List.of(ProcessHandle.current().pid()));
    pids.put("postgres (bench db)", databaseBackends);
    List<Long> others = new ArrayList<>(ProcessCpu.pidsNamed("postgres"));
    others.removeAll(databaseBackends);
    pids.put("postgres (other)", others);
    return pids;
  }

  /** Peak RSS (VmHWM) in KiB of each process started so far, stopped workers included. */
  synchronized Map<String, Long> peakRss() {
    Map<String, Long> peaks = new LinkedHashMap<>();
    ProcessMemory.peakRssKib(api.pid()).ifPresent(kib -> peaks.put("api", kib));
    peaks.putAll(peakRssOfStopped);
    for (ServiceProcess worker : workers) {
      if (worker.isAlive()) {
        ProcessMemory.peakRssKib(worker.pid()).ifPresent(kib -> peaks.put(worker.name(), kib));
      }
    }
    ProcessMemory.peakRssKib(broker.pid()).ifPresent(kib -> peaks.put("kafka", kib));
    ProcessMemory.peakRssKib(ProcessHandle.current().pid())
        .ifPresent(kib -> peaks.put("bench (load + fake API)", kib));
    return peaks;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Runnable> steps = new ArrayList<>();
    steps.add(() -> stopAll(workers));
    steps.add(
        () -> {
          if (api != null) {
            api.stop();
          }
        });
    steps.add(() -> targets.forEach(DemoTarget::close));
    steps.add(
        () -> {
          if (broker != null) {
            broker.stop();
          }
        });
    steps.add(() -> deleteRecursively(kafkaData));
    steps.add(
        () -> {
          if (database != null) {
            database.close();
            System.out.println("Dropped database " + database.name() + ".");
          }
        });
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        System.err.println("cleaning up: " + e.getMessage());
      }
    }
  }

  private void stopIfClosed(Runnable stop) {
    if (closed) {
      stop.run();
      throw new IllegalStateException("the bench is stopping");
    }
  }

  private Map<String, String> commonEnv(String applicationName) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", database.jdbcUrl() + "?ApplicationName=" + applicationName);
    env.put("DATABASE_USER", database.user());
    env.put("DATABASE_PASSWORD", database.password());
    env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("CREDENTIALS_KEYSET", keyset);
    env.put("CONNECTOR_ENGINE_ALLOW_PRIVATE_TARGETS", "true");
    return env;
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
      // no target folder: not built
    }
    throw new IllegalStateException(
        "no executable jar in " + target + "; build it (bin/bench does unless SKIP_BUILD=true)");
  }

  private static void stopAll(List<ServiceProcess> processes) {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      processes.forEach(process -> executor.execute(process::stop));
    }
  }

  private static String setting(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value;
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
}
