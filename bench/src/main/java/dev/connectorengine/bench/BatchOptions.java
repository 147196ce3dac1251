package dev.connectorengine.bench;

/**
 * How the batch pass triggers its runs.
 *
 * @param size runs per batch call, 1 to {@link #MAX_SIZE}
 * @param clients concurrent clients, each sending its next batch when its last is answered
 * @param referenceRunsPerSecond db-scheduler's jobs/s on this machine, for the target's ratio; 0
 *     when not given
 */
record BatchOptions(int size, int clients, double referenceRunsPerSecond) {

  /** The batch call's own limit of items per request. */
  static final int MAX_SIZE = 1_000;

  BatchOptions {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be from 1 to " + MAX_SIZE + ", not " + size);
    }
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be at least 1, not " + clients);
    }
    if (referenceRunsPerSecond < 0) {
      throw new IllegalArgumentException("referenceRunsPerSecond must not be negative");
    }
  }
}
