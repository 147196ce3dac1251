package dev.connectorengine.api.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many API calls this instance works on at once ({@code connector-engine.admission.*}). The
 * rest are answered 503 at once rather than queued: under overload every caller gets an answer
 * within a second, and memory stays bounded.
 *
 * @param maxConcurrent calls worked on at once ({@code API_MAX_CONCURRENT_REQUESTS}); a few times
 *     the database pool, since a call holds a connection only part of its time
 * @param maxWait how long a call beyond that waits for a turn before it is answered 503 ({@code
 *     API_ADMISSION_WAIT})
 */
@ConfigurationProperties("connector-engine.admission")
record AdmissionSettings(
    @DefaultValue("64") int maxConcurrent, @DefaultValue("200ms") Duration maxWait) {

  AdmissionSettings {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("connector-engine.admission.max-concurrent must be >= 1");
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "connector-engine.admission.max-wait must not be negative");
    }
  }
}
