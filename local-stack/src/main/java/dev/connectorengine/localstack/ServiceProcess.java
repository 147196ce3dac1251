package dev.connectorengine.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of our services (the API or a worker) as a child JVM: {@code java -jar <exec jar>} with
 * environment variables, its output in a log file, ready when {@code /actuator/health} says UP. It
 * can be stopped (SIGTERM), killed (SIGKILL) and started again with the same settings.
 */
public final class ServiceProcess implements AutoCloseable {

  /**
   * Flags every service runs with, before the builder's own (a later flag wins): the C1 compiler
   * only. The Docker images set the same through {@code JDK_JAVA_OPTIONS}; README → Operations says
   * why (on a 2-core host C2 spent about half of each JVM's CPU for minutes after start).
   */
  public static final List<String> SERVICE_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1");

  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
  private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final List<String> launchArgs;
  private final List<String> jvmArgs;
  private final Map<String, String> env;
  private final int port;
  private final Path logFile;
  private final Duration startupTimeout;
  private final Duration stopTimeout;
  private final boolean ownSession;
  private Process process;

  private ServiceProcess(Builder builder) {
    this.name = builder.name;
    this.launchArgs = List.copyOf(builder.launchArgs);
    this.jvmArgs = List.copyOf(builder.jvmArgs);
    this.env = Map.copyOf(builder.env);
    this.port = builder.port;
    this.logFile = builder.logFile.toAbsolutePath();
    this.startupTimeout = builder.startupTimeout;
    this.stopTimeout = builder.stopTimeout;
    this.ownSession = builder.ownSession;
  }

  /** A service run as {@code java -jar jar}, its actuator on {@code port}. */
  public static Builder jar(String name, Path jar, int port) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          name
              + ": no executable jar at "
              + jar.toAbsolutePath()
              + " (build it: ./mvnw -B -q -pl api-service,executor-worker package -DskipTests)");
    }
    return new Builder(name, List.of("-jar", jar.toAbsolutePath().toString()), port);
  }

  /** A service run as {@code java -cp classpath mainClass}, its health endpoint on {@code port}. */
  public static Builder mainClass(String name, String classpath, String mainClass, int port) {
    return new Builder(name, List.of("-cp", classpath, mainClass), port);
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** {@code http://localhost:<port>}. */
  public URI baseUrl() {
    return URI.create("http://localhost:" + port);
  }

  public Path logFile() {
    return logFile;
  }

  /** The process id of the running process. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(name + " is not running");
    }
    return process.pid();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Starts the process and waits until it is healthy. */
  public ServiceProcess start() {
    launch();
    awaitHealthy();
    return this;
  }

  /** Starts the process without waiting; see {@link #awaitHealthy()}. */
  public synchronized ServiceProcess launch() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    List<String> command = new ArrayList<>(ChildJvm.command(ownSession));
    command.addAll(SERVICE_JVM_FLAGS);
    command.addAll(jvmArgs);
    command.addAll(launchArgs);
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(env);
      process = builder.start();
      log.info("started {} (pid {}, port {}, log {})", name, process.pid(), port, logFile);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /**
   * Waits until {@code /actuator/health} answers UP.
   *
   * @throws IllegalStateException with the log's tail when the process exits or is not healthy in
   *     time (the process is killed then)
   */
  public void awaitHealthy() {
    URI health = baseUrl().resolve("/actuator/health");
    Instant deadline = Instant.now().plus(startupTimeout);
    String lastAnswer = "no answer";
    while (Instant.now().isBefore(deadline)) {
      Process current = current();
      if (!current.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with "
                + current.exitValue()
                + " while starting; last lines of "
                + logFile
                + ":\n"
                + LogTail.of(logFile, 60));
      }
      try {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && UP.matcher(answer.body()).find()) {
          log.info("{} is healthy on port {}", name, port);
          return;
        }
        lastAnswer = answer.statusCode() + " " + answer.body();
      } catch (IOException e) {
        lastAnswer = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
      sleep(Duration.ofMillis(250));
    }
    kill();
    throw new IllegalStateException(
        name
            + " was not healthy on "
            + health
            + " within "
            + startupTimeout
            + " (last answer: "
            + lastAnswer
            + "); last lines of "
            + logFile
            + ":\n"
            + LogTail.of(logFile, 60));
  }

  /** Sends SIGTERM and returns at once; the service shuts down gracefully on its own. */
  public synchronized void terminate() {
    if (process != null) {
      process.destroy();
    }
  }

  /**
   * Stops gracefully: SIGTERM, then SIGKILL if it has not exited within the stop timeout.
   *
   * @return the exit code, or -1 when it was not running
   */
  public int stop() {
    Process stopping;
    synchronized (this) {
      stopping = process;
      if (stopping == null) {
        return -1;
      }
      stopping.destroy();
    }
    try {
      if (!stopping.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} did not stop within {}; killing it", name, stopTimeout);
        stopping.destroyForcibly().waitFor();
      }
      return stopping.exitValue();
    } catch (InterruptedException e) {
      stopping.destroyForcibly();
      Thread.currentThread().interrupt();
      return -1;
    } finally {
      clear(stopping);
    }
  }

  /** Kills the process at once (SIGKILL), as a crash would. */
  public void kill() {
    Process killing;
    synchronized (this) {
      killing = process;
      if (killing == null) {
        return;
      }
    }
    try {
      killing.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clear(killing);
    }
  }

  /** Waits for the process to exit by itself (after {@link #terminate()}), up to {@code max}. */
  public boolean awaitExit(Duration max) {
    Process current = current();
    try {
      boolean exited = current.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
      if (exited) {
        clear(current);
      }
      return exited;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The last lines of the log. */
  public String logTail(int lines) {
    return LogTail.of(logFile, lines);
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized Process current() {
    if (process == null) {
      throw new IllegalStateException(name + " is not running");
    }
    return process;
  }

  private synchronized void clear(Process ended) {
    if (process == ended) {
      process = null;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Settings of a {@link ServiceProcess}. */
  public static final class Builder {

    private final String name;
    private final List<String> launchArgs;
    private final int port;
    private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m"));
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path logFile;
    private Duration startupTimeout = Duration.ofSeconds(120);
    private Duration stopTimeout = Duration.ofSeconds(40);
    private boolean ownSession;

    private Builder(String name, List<String> launchArgs, int port) {
      this.name = Objects.requireNonNull(name, "name");
      this.launchArgs = launchArgs;
      this.port = port;
      this.logFile = Path.of(name + ".log");
    }

    /** An environment variable of the process (added to this JVM's environment). */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** Environment variables of the process. */
    public Builder env(Map<String, String> values) {
      env.putAll(values);
      return this;
    }

    /** Replaces the JVM flags that follow {@link #SERVICE_JVM_FLAGS} (default {@code -Xmx512m}). */
    public Builder jvmArgs(List<String> flags) {
      jvmArgs.clear();
      jvmArgs.addAll(flags);
      return this;
    }

    /** Where the output goes (appended); default {@code <name>.log}. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** How long {@link ServiceProcess#awaitHealthy()} waits; default 120 s. */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    /** How long {@link ServiceProcess#stop()} waits after SIGTERM; default 40 s. */
    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = stopTimeout;
      return this;
    }

    /** Runs the process in its own session, out of reach of the terminal's Ctrl-C. */
    public Builder ownSession(boolean ownSession) {
      this.ownSession = ownSession;
      return this;
    }

    public ServiceProcess build() {
      return new ServiceProcess(this);
    }
  }
}
