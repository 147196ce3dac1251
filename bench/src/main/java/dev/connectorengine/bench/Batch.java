package dev.connectorengine.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch call's share of a pass's runs.
 *
 * @param first the index of its first run in the pass
 * @param size how many runs it carries
 */
record Batch(int first, int size) {

  /** {@code runs} runs in batches of {@code batchSize}, in order; only the last may be smaller. */
  static List<Batch> split(int runs, int batchSize) {
    if (runs < 0 || batchSize < 1) {
      throw new IllegalArgumentException(
          "cannot split " + runs + " runs into batches of " + batchSize);
    }
    List<Batch> batches = new ArrayList<>((runs + batchSize - 1) / batchSize);
    for (int first = 0; first < runs; first += batchSize) {
      batches.add(new Batch(first, Math.min(batchSize, runs - first)));
    }
    return List.copyOf(batches);
  }
}
