package dev.connectorengine.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) running as a child JVM from
 * the Maven Central jars on this JVM's class path. Its data survives {@link #stop()} and {@link
 * #kill()}: {@link #start()} again brings it back on the same ports with the same topics and
 * offsets.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final Path dataDir;
  private final Path logFile;
  private final int port;
  private final int controllerPort;
  private final int partitions;
  private final String classpath;
  private final List<String> jvmArgs;
  private final boolean ownSession;
  private final Duration startupTimeout;
  private Process process;

  private KafkaBroker(Builder builder) {
    this.dataDir = builder.dataDir.toAbsolutePath();
    this.logFile =
        (builder.logFile != null ? builder.logFile : dataDir.resolve("broker.log"))
            .toAbsolutePath();
    this.port = builder.port != 0 ? builder.port : Ports.free();
    this.controllerPort = builder.controllerPort != 0 ? builder.controllerPort : Ports.free();
    this.partitions = builder.partitions;
    this.classpath = builder.classpath;
    this.jvmArgs = List.copyOf(builder.jvmArgs);
    this.ownSession = builder.ownSession;
    this.startupTimeout = builder.startupTimeout;
  }

  /** A broker keeping its data (and, unless told otherwise, its log) in {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return logFile;
  }

  /** The process id while running. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("broker is not running");
    }
    return process.pid();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Formats the storage when the data directory is new, starts the broker and waits until it
   * answers a metadata request.
   *
   * @throws IllegalStateException with the log's tail when it exits or does not answer in time
   */
  public synchronized KafkaBroker start() {
    if (isRunning()) {
      return this;
    }
    try {
      Files.createDirectories(dataDir);
      Files.createDirectories(logFile.getParent());
      Path config = writeConfig();
      if (!Files.exists(kafkaLogDir().resolve("meta.properties"))) {
        format(config);
      }
      log.info("starting Kafka broker on {} (data in {})", bootstrapServers(), dataDir);
      process = launch(List.of("kafka.Kafka", config.toString()));
      awaitReady();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
    }
  }

  /** Stops gracefully (SIGTERM, then SIGKILL after 30 s); the data stays. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Instant began = Instant.now();
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("Kafka broker did not stop within {}; killing it", STOP_GRACE);
        process.destroyForcibly().waitFor();
      }
      log.info("Kafka broker stopped in {} ms", Duration.between(began, Instant.now()).toMillis());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Kills the broker at once (SIGKILL), as a crash would; the data stays. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void close() {
    stop();
  }

  private Path kafkaLogDir() {
    return dataDir.resolve("kraft-logs");
  }

  private Path writeConfig() throws IOException {
    Properties config = new Properties();
    config.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("log.dirs", kafkaLogDir().toString()),
            Map.entry("num.partitions", Integer.toString(partitions)),
            Map.entry("auto.create.topics.enable", "true"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "12"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // After a SIGKILL the restarted broker waits out its old incarnation's session.
            Map.entry("broker.heartbeat.interval.ms", "500"),
            Map.entry("broker.session.timeout.ms", "3000"),
            Map.entry("log.retention.hours", "24")));
    Path file = dataDir.resolve("server.properties");
    try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      config.store(writer, "written by " + KafkaBroker.class.getName() + " on every start");
    }
    return file;
  }

  private void format(Path config) throws IOException {
    String clusterId = Uuid.randomUuid().toString();
    log.info("formatting Kafka storage in {} (cluster {})", kafkaLogDir(), clusterId);
    Process formatter =
        launch(
            List.of(
                "kafka.tools.StorageTool",
                "format",
                "--cluster-id",
                clusterId,
                "--config",
                config.toString(),
                "--ignore-formatted"));
    try {
      if (!formatter.waitFor(startupTimeout.toSeconds(), TimeUnit.SECONDS)) {
        formatter.destroyForcibly();
        throw new IllegalStateException(
            "formatting Kafka storage took longer than " + startupTimeout + ":\n" + tail());
      }
    } catch (InterruptedException e) {
      formatter.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    }
    if (formatter.exitValue() != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage failed (exit " + formatter.exitValue() + "):\n" + tail());
    }
  }

  private Process launch(List<String> mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>(ChildJvm.command(ownSession));
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.addAll(mainAndArgs);
    return new ProcessBuilder(command)
        .directory(dataDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start();
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(startupTimeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        int exit = process.exitValue();
        process = null;
        throw new IllegalStateException(
            "Kafka broker exited with " + exit + " while starting:\n" + tail());
      }
      if (Ports.accepts(port) && answersMetadata()) {
        log.info(
            "Kafka broker ready on {} (pid {}) in {} ms",
            bootstrapServers(),
            process.pid(),
            Duration.between(deadline.minus(startupTimeout), Instant.now()).toMillis());
        return;
      }
      pause();
    }
    kill();
    throw new IllegalStateException(
        "Kafka broker did not answer on "
            + bootstrapServers()
            + " within "
            + startupTimeout
            + ":\n"
            + tail());
  }

  private boolean answersMetadata() {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(3000))
          .nodes()
          .get(4, TimeUnit.SECONDS)
          .isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  private String tail() {
    return LogTail.of(logFile, 40);
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  /** Settings of a {@link KafkaBroker}; ports 0 mean "pick free ones". */
  public static final class Builder {

    private final Path dataDir;
    private Path logFile;
    private int port;
    private int controllerPort;
    private int partitions = 24;
    private String classpath =
        ChildJvm.classpathWithout(
            System.getProperty("java.class.path"),
            // One SLF4J provider (slf4j-simple) for the broker; Spring's logging stays out.
            List.of("logback-", "log4j-to-slf4j", "log4j-slf4j"));
    private final List<String> jvmArgs =
        new ArrayList<>(
            List.of(
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
                // simplelogger.properties quiets Kafka's client classes; the broker logs at INFO.
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
                "-Dorg.slf4j.simpleLogger.log.kafka=info",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS"));
    private boolean ownSession;
    private Duration startupTimeout = Duration.ofSeconds(90);

    private Builder(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** Where the broker's output goes (appended); default {@code broker.log} in the data dir. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** The client (PLAINTEXT) port; default a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The KRaft controller port; default a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = controllerPort;
      return this;
    }

    /** Partitions of auto-created topics; default 24. */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /** The class path holding kafka_2.13 and its dependencies; default this JVM's. */
    public Builder classpath(String classpath) {
      this.classpath = ChildJvm.classpathWithout(classpath, List.of());
      return this;
    }

    /** An extra JVM flag for the broker process. */
    public Builder jvmArg(String jvmArg) {
      this.jvmArgs.add(jvmArg);
      return this;
    }

    /** Runs the broker in its own session, out of reach of the terminal's Ctrl-C. */
    public Builder ownSession(boolean ownSession) {
      this.ownSession = ownSession;
      return this;
    }

    /** How long {@link #start()} waits for the broker; default 90 s. */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    public KafkaBroker build() {
      return new KafkaBroker(this);
    }
  }
}
