package dev.connectorengine.worker.execution;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a worker groups the progress and terminal writes of its runs ({@code
 * connector-engine.worker.writes.*}): a writer takes whatever queued while it last wrote, up to the
 * batch size, so batches only grow under load.
 *
 * @param batchSize most runs written by one statement ({@code WORKER_WRITE_BATCH_SIZE})
 * @param writers writer threads per kind of write (progress, terminal), so one slow commit does not
 *     hold every run ({@code WORKER_WRITERS})
 */
@ConfigurationProperties("connector-engine.worker.writes")
public record WriteSettings(@DefaultValue("256") int batchSize, @DefaultValue("2") int writers) {

  public WriteSettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("connector-engine.worker.writes.batch-size must be >= 1");
    }
    if (writers < 1) {
      throw new IllegalArgumentException("connector-engine.worker.writes.writers must be >= 1");
    }
  }

  /** The defaults; for tests and tools. */
  public static WriteSettings defaults() {
    return new WriteSettings(256, 2);
  }
}
