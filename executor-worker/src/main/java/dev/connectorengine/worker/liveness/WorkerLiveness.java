package dev.connectorengine.worker.liveness;

import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.periodic.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this worker alive in the database: registers an {@link Incarnation} (owner name {@code
 * <WORKER_ID>-<random>}, new for every life) and renews its row every interval on the control pool,
 * syncing the {@link DatabaseClock} on the way. An incarnation whose renewals did not come back in
 * time is over; the next renewal starts a new one. Starts before the job listener and stops after
 * the runs drained, retiring the row so anything left is taken back at once.
 */
@Component
public class WorkerLiveness implements CurrentIncarnation, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerLiveness.class);

  private final LivenessRepository repository;
  private final LivenessSettings settings;
  private final DatabaseClock clock;
  private final String name;
  private final PeriodicTask task;
  private volatile Incarnation current;

  WorkerLiveness(
      LivenessRepository repository,
      LivenessSettings settings,
      DatabaseClock clock,
      WorkerSettings worker) {
    this.repository = repository;
    this.settings = settings;
    this.clock = clock;
    this.name = worker.id();
    this.task = PeriodicTask.onPlatformThread("worker-liveness", settings.interval(), this::renew);
  }

  @Override
  public Incarnation current() {
    Incarnation incarnation = current;
    if (incarnation == null || !incarnation.alive()) {
      throw new WorkerNotAliveException(
          "worker "
              + name
              + " has no live incarnation: its liveness could not be renewed in the last "
              + settings.ttl());
    }
    return incarnation;
  }

  /** The current incarnation, alive or not; empty before the first registration. */
  public Optional<Incarnation> latest() {
    return Optional.ofNullable(current);
  }

  /** Renews the current incarnation, or registers a new one when it is over. */
  void renew() {
    Incarnation incarnation = current;
    if (incarnation == null || !incarnation.alive()) {
      if (incarnation != null) {
        incarnation.end();
        log.warn("incarnation {} missed its liveness deadline; its runs stop", incarnation);
      }
      current = register();
      return;
    }
    Instant before = clock.local();
    long sent = System.nanoTime();
    Optional<Instant> at = repository.renew(incarnation.owner(), settings.ttl());
    Instant after = clock.local();
    at.ifPresent(databaseTime -> clock.sync(before, databaseTime, after));
    if (at.isEmpty() || !incarnation.renewed(sent, settings.ttl())) {
      incarnation.end();
      log.warn(
          "incarnation {} expired before its renewal came back; its runs stop and a new one"
              + " starts",
          incarnation);
      current = register();
    }
  }

  private Incarnation register() {
    String owner = name + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    Instant before = clock.local();
    long sent = System.nanoTime();
    Instant at = repository.register(owner, settings.ttl());
    clock.sync(before, at, clock.local());
    log.info(
        "worker incarnation {} is alive (renewed every {}, taken back {} after its last renewal);"
            + " this host's clock is {} behind the database's",
        owner,
        settings.interval(),
        settings.ttl(),
        clock.offset());
    return new Incarnation(owner, sent, settings.ttl());
  }

  @Override
  public void start() {
    try {
      current = register();
    } catch (RuntimeException e) {
      log.warn(
          "could not register this worker's liveness yet; trying every {}", settings.interval());
    }
    task.start();
  }

  @Override
  public void stop() {
    task.stop(Duration.ofSeconds(2));
    Incarnation incarnation = current;
    if (incarnation != null) {
      incarnation.end();
      try {
        repository.retire(incarnation.owner());
      } catch (RuntimeException e) {
        log.warn(
            "could not retire incarnation {}; it expires by itself: {}", incarnation, e.toString());
      }
    }
  }

  @Override
  public boolean isRunning() {
    return task.isRunning();
  }

  /** First to start (before any claim), last to stop (after the runs drained). */
  @Override
  public int getPhase() {
    return -200;
  }
}
