package dev.connectorengine.bench;

import dev.connectorengine.localstack.ProcessMemory;
import dev.connectorengine.localstack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Samples one worker every 250 ms while the in-flight pass runs: the runs it holds (in the
 * database, and its own gauge), its heap (actuator) and its resident memory.
 */
final class InFlightSampler implements AutoCloseable {

  private static final Duration EVERY = Duration.ofMillis(250);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final ServiceProcess worker;
  private final RunQueries queries;
  private final URI prometheus;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile long maxRunningInDb;
  private volatile double maxGauge = Double.NaN;
  private volatile double maxHeapUsed = Double.NaN;
  private volatile double maxLiveHeap = Double.NaN;
  private volatile double heapMax = Double.NaN;
  private volatile long maxRssKib;
  private volatile int samples;
  private volatile int failedScrapes;

  InFlightSampler(ServiceProcess worker, BenchDatabase database) {
    this.worker = worker;
    this.queries = new RunQueries(database);
    this.prometheus = worker.baseUrl().resolve("/actuator/prometheus");
    this.thread = Thread.ofPlatform().daemon().name("in-flight-sampler").unstarted(this::loop);
  }

  InFlightSampler start() {
    thread.start();
    return this;
  }

  long maxRunningInDb() {
    return maxRunningInDb;
  }

  double maxGauge() {
    return maxGauge;
  }

  double maxHeapUsedBytes() {
    return maxHeapUsed;
  }

  double maxLiveHeapBytes() {
    return maxLiveHeap;
  }

  double heapMaxBytes() {
    return heapMax;
  }

  long maxRssKib() {
    return maxRssKib;
  }

  int samples() {
    return samples;
  }

  int failedScrapes() {
    return failedScrapes;
  }

  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queries.close();
  }

  private void loop() {
    while (!stopping) {
      long started = System.nanoTime();
      sample();
      long left = EVERY.toNanos() - (System.nanoTime() - started);
      if (left > 0) {
        try {
          Thread.sleep(Duration.ofNanos(left));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void sample() {
    samples++;
    try {
      maxRunningInDb = Math.max(maxRunningInDb, queries.runningOwnedBy(worker.name()));
    } catch (RuntimeException e) {
      // the database is busy or going away; the next sample may work
    }
    ProcessMemory.rssKib(worker.pid()).ifPresent(kib -> maxRssKib = Math.max(maxRssKib, kib));
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(prometheus)
                  .timeout(Duration.ofSeconds(2))
                  .header("Accept", "text/plain")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        failedScrapes++;
        return;
      }
      String text = answer.body();
      maxGauge =
          max(maxGauge, PrometheusText.sum(text, "connector_engine_runs_in_flight", Map.of()));
      maxHeapUsed =
          max(
              maxHeapUsed,
              PrometheusText.sum(text, "jvm_memory_used_bytes", Map.of("area", "heap")));
      maxLiveHeap =
          max(maxLiveHeap, PrometheusText.sum(text, "jvm_gc_live_data_size_bytes", Map.of()));
      OptionalDouble max = PrometheusText.sum(text, "jvm_gc_max_data_size_bytes", Map.of());
      if (max.isPresent()) {
        heapMax = max.getAsDouble();
      }
    } catch (IOException e) {
      failedScrapes++;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  private static double max(double current, OptionalDouble sample) {
    if (sample.isEmpty()) {
      return current;
    }
    return Double.isNaN(current) ? sample.getAsDouble() : Math.max(current, sample.getAsDouble());
  }
}
