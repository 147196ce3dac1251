package dev.connectorengine.bench;

import dev.connectorengine.localstack.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;

/**
 * The workers' count and summed time of jobs from publication to being read ({@code
 * connector_engine_jobs_delivery_seconds}), so a pass can tell how much of its runs' wait was
 * Kafka's delivery rather than their turn.
 *
 * @param jobs jobs read so far, over all workers
 * @param seconds their summed publication→read time
 */
record JobDelivery(double jobs, double seconds) {

  private static final String METRIC = "connector_engine_jobs_delivery_seconds";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static JobDelivery read(List<ServiceProcess> workers) {
    double jobs = 0;
    double seconds = 0;
    for (ServiceProcess worker : workers) {
      String text = prometheus(worker);
      jobs += PrometheusText.sum(text, METRIC + "_count", Map.of()).orElse(0);
      seconds += PrometheusText.sum(text, METRIC + "_sum", Map.of()).orElse(0);
    }
    return new JobDelivery(jobs, seconds);
  }

  /** The mean publication→read time, in ms, of the jobs read since {@code before}. */
  double meanMillisSince(JobDelivery before) {
    double read = jobs - before.jobs;
    return read <= 0 ? 0 : (seconds - before.seconds) * 1000 / read;
  }

  private static String prometheus(ServiceProcess worker) {
    HttpRequest request =
        HttpRequest.newBuilder(worker.baseUrl().resolve("/actuator/prometheus")).build();
    try {
      return HTTP.send(request, BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the metrics of " + worker + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
