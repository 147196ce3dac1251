package dev.connectorengine.bench;

import java.util.Arrays;

/** Percentiles by linear interpolation, as PostgreSQL's {@code percentile_cont} computes them. */
final class Percentiles {

  private Percentiles() {}

  /**
   * The {@code fractions} (0..1) percentiles of {@code values}; NaN for each when there are none.
   */
  static double[] of(double[] values, double... fractions) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] result = new double[fractions.length];
    for (int i = 0; i < fractions.length; i++) {
      result[i] = at(sorted, fractions[i]);
    }
    return result;
  }

  private static double at(double[] sorted, double fraction) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = fraction * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }
}
