package dev.connectorengine.worker.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a worker batches the statements of its runs ({@code connector-engine.worker.batch.*}): the
 * progress and terminal writes, and the credential reads. A batcher thread takes whatever queued
 * while it last ran, up to the batch size, so batches only grow under load.
 *
 * @param size most runs served by one statement ({@code WORKER_BATCH_SIZE})
 * @param threads batcher threads per kind of statement, so one slow statement does not hold every
 *     run ({@code WORKER_BATCH_THREADS})
 */
@ConfigurationProperties("connector-engine.worker.batch")
public record BatchSettings(@DefaultValue("256") int size, @DefaultValue("2") int threads) {

  public BatchSettings {
    if (size < 1) {
      throw new IllegalArgumentException("connector-engine.worker.batch.size must be >= 1");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("connector-engine.worker.batch.threads must be >= 1");
    }
  }

  /** The defaults; for tests and tools. */
  public static BatchSettings defaults() {
    return new BatchSettings(256, 2);
  }
}
