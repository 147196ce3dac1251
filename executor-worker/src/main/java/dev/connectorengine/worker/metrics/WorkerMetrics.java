package dev.connectorengine.worker.metrics;

import dev.connectorengine.model.execution.ExecutionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The worker's own meters, all named here (Prometheus spells the dots as underscores):
 *
 * <ul>
 *   <li>{@code connector.engine.runs.in.flight}: runs this worker holds now
 *   <li>{@code connector.engine.runs.finished{status}}: runs this worker or its sweeper ended
 *   <li>{@code connector.engine.step.latency{outcome}}: time in one step, retries included
 *   <li>{@code connector.engine.step.retries}: step calls made again after a failure
 *   <li>{@code connector.engine.claims{result}}: jobs claimed, or skipped as duplicate or stale
 *   <li>{@code connector.engine.sweeps{result}}: sweeps that acted, or found another sweeper busy
 *   <li>{@code connector.engine.swept.runs{action}}: runs the sweeper timed out, failed, cancelled,
 *       returned to pending or republished
 *   <li>{@code connector.engine.runs.given.back}: runs handed back at shutdown
 *   <li>{@code connector.engine.write.batch.size{kind}}: runs written by one progress or terminal
 *       statement (its count is the number of statements)
 *   <li>{@code connector.engine.events.relayed}: status events this worker sent from the outbox
 *   <li>{@code connector.engine.events.relay.failures}: relay passes put back (broker or database
 *       away), their events sent again later
 *   <li>{@code connector.engine.retention.deleted{table}}: rows the retention job deleted
 *   <li>{@code connector.engine.outbound.permit.wait{host}}: how long calls to a rate-limited host
 *       waited for their permit ({@code host} is a listed host, or {@code other})
 *   <li>{@code connector.engine.outbound.permit.too.late{host}}: calls that got no permit before
 *       their run's deadline, so the run timed out
 * </ul>
 */
@Component
public class WorkerMetrics {

  private final MeterRegistry registry;
  private final Counter retries;
  private final Counter givenBack;
  private final Counter eventsRelayed;
  private final Counter relayFailures;

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.retries = registry.counter("connector.engine.step.retries");
    this.givenBack = registry.counter("connector.engine.runs.given.back");
    this.eventsRelayed = registry.counter("connector.engine.events.relayed");
    this.relayFailures = registry.counter("connector.engine.events.relay.failures");
    // Registered up front, so each series exists (at zero) from the start.
    for (ExecutionStatus status : ExecutionStatus.values()) {
      if (status.isTerminal()) {
        registry.counter("connector.engine.runs.finished", "status", status.wireName());
      }
    }
    registry.counter("connector.engine.claims", "result", "claimed");
    registry.counter("connector.engine.claims", "result", "skipped");
    registry.counter("connector.engine.sweeps", "result", "acted");
    registry.counter("connector.engine.sweeps", "result", "skipped");
  }

  public void inFlight(Supplier<Number> count) {
    Gauge.builder("connector.engine.runs.in.flight", count)
        .description("runs this worker holds now")
        .register(registry);
  }

  public void runsWaitingOnTargets(Supplier<Number> count) {
    Gauge.builder("connector.engine.runs.waiting.on.targets", count)
        .description("runs in flight waiting on a target's answer or a backoff")
        .register(registry);
  }

  public void waiting(Supplier<Number> count) {
    Gauge.builder("connector.engine.runs.waiting", count)
        .description("jobs this worker has read and holds waiting for their workspace's turn")
        .register(registry);
  }

  public void runFinished(ExecutionStatus status) {
    registry.counter("connector.engine.runs.finished", "status", status.wireName()).increment();
  }

  /** From a job's publication to this worker reading it (wall clocks of two processes). */
  public void jobDelivered(Duration age) {
    Timer.builder("connector.engine.jobs.delivery")
        .description("from a job's publication to a worker reading it")
        .register(registry)
        .record(age);
  }

  /** How long a job read ahead waited for its workspace's turn and a free place. */
  public void jobWaited(Duration wait) {
    Timer.builder("connector.engine.jobs.waiting")
        .description("how long a job waited on its worker for its turn before its claim")
        .register(registry)
        .record(wait);
  }

  public void stepFinished(String outcome, Duration latency) {
    Timer.builder("connector.engine.step.latency")
        .tag("outcome", outcome)
        .register(registry)
        .record(latency);
  }

  public void writeBatch(String kind, int runs) {
    DistributionSummary.builder("connector.engine.write.batch.size")
        .description("runs written by one progress or terminal statement")
        .tag("kind", kind)
        .register(registry)
        .record(runs);
  }

  public void stepRetried() {
    retries.increment();
  }

  public void claims(int claimed, int skipped) {
    registry.counter("connector.engine.claims", "result", "claimed").increment(claimed);
    registry.counter("connector.engine.claims", "result", "skipped").increment(skipped);
  }

  public void sweep(boolean acted) {
    registry.counter("connector.engine.sweeps", "result", acted ? "acted" : "skipped").increment();
  }

  public void swept(String action, int runs) {
    if (runs > 0) {
      registry.counter("connector.engine.swept.runs", "action", action).increment(runs);
    }
  }

  public void givenBack(int runs) {
    givenBack.increment(runs);
  }

  public void eventsRelayed(int events) {
    eventsRelayed.increment(events);
  }

  public void eventRelayFailed() {
    relayFailures.increment();
  }

  public void permitReserved(String host, Duration wait) {
    Timer.builder("connector.engine.outbound.permit.wait")
        .description("how long a call to a rate-limited host waited for its permit")
        .tag("host", host)
        .register(registry)
        .record(wait);
  }

  public void permitTooLate(String host) {
    registry.counter("connector.engine.outbound.permit.too.late", "host", host).increment();
  }

  public void retentionDeleted(String table, long rows) {
    registry.counter("connector.engine.retention.deleted", "table", table).increment(rows);
  }
}
